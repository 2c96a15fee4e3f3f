import type { Result } from '../../../common/result'
import type { Target } from '../../../common/target'
import type { GitHubFailure } from './github-failure'

/** A runner registration as GitHub lists it. */
export interface RegisteredRunner {
  readonly id: number
  readonly name: string
  readonly status: 'online' | 'offline'
  readonly busy: boolean
  readonly labels: readonly string[]
}

/** A freshly minted one-time runner config (`generate-jitconfig`). */
export interface JitRunner {
  readonly runnerId: number
  readonly name: string
  readonly encodedJitConfig: string
}

/** Who a token belongs to and what `X-OAuth-Scopes` says (null: not a classic token). */
export interface TokenIdentity {
  readonly login: string
  readonly scopes: string[] | null
}

/** Per-call options: `signal` ends the wait early (a stop's bound on GitHub). */
export interface CallOptions {
  readonly signal?: AbortSignal
}

/** The engine's whole view of GitHub's REST API. Thin: it translates, it does not decide. */
export interface GitHubPort {
  /** `GET /user`: whose token this is, and its classic scopes. */
  identify(): Promise<Result<TokenIdentity, GitHubFailure>>
  /**
   * A harmless call that needs the runner-admin permission on the target (a registration token,
   * which expires unused after an hour): the only sure check for fine-grained tokens.
   */
  probeRunnerAdmin(target: Target): Promise<Result<void, GitHubFailure>>
  /** The runner group id: 1 (Default) for repositories; by name (or the default group) for orgs. */
  resolveGroupId(target: Target, groupName: string | null): Promise<Result<number, GitHubFailure>>
  /**
   * Registers a runner and returns its one-time JIT config. `workFolder` (default "_work", under
   * the runner's folder) may be absolute: a runner whose jobs use Docker works in a folder mounted
   * at the same path on the host (job-folders.ts).
   */
  createJitRunner(
    target: Target,
    request: { name: string; groupId: number; labels: readonly string[]; workFolder?: string },
  ): Promise<Result<JitRunner, GitHubFailure>>
  /**
   * Lists the target's runners with conditional requests: `changed: false` (a 304, free of rate
   * limit) means the last list still holds.
   */
  listRunners(
    target: Target,
    options?: CallOptions,
  ): Promise<Result<{ changed: boolean; runners: readonly RegisteredRunner[] }, GitHubFailure>>
  /** Repositories and organizations the token can administer, for target suggestions. */
  listAdminTargets(): Promise<Result<Target[], GitHubFailure>>
  /** Deletes a registration; one already gone answers `gone`. A busy runner fails with kind `busy`. */
  deleteRunner(
    target: Target,
    runnerId: number,
    options?: CallOptions,
  ): Promise<Result<'deleted' | 'gone', GitHubFailure>>
}

/** Rate limit news the adapter reports so the UI can say when work resumes. */
export interface RateLimitNotice {
  readonly kind: 'primary' | 'secondary'
  readonly retryAfterSeconds: number
  readonly method: string
  readonly url: string
}

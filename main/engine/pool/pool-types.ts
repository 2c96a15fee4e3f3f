// The pool's public shapes: its configuration, collaborators, events and what a stop leaves.
import type { PoolSnapshot } from '../../../common/pool-status'
import type { SecretRegistry } from '../../../common/redact'
import { formatTarget, type Target } from '../../../common/target'
import type { DockerPort } from '../docker/docker-port'
import type { GitHubPort } from '../github/github-port'
import type { LogStore } from '../logs/log-store'

/** What the pool is for; fixed for its lifetime (a new target means a new pool). */
export interface PoolConfig {
  readonly installationId: string
  readonly target: Target
  readonly apiUrl: string
  readonly labels: readonly string[]
  readonly runnerGroup: string | null
  readonly image: string
  readonly cpus: number | null
  readonly memoryMb: number | null
  readonly networkMode: string | null
  readonly dockerAccess: boolean
  readonly maxRunners: number
  readonly maxParallelCreates?: number
  readonly onlineTimeoutMs?: number
  /** How often GitHub's runner list is compared with ours (conditional requests; default 120 s keeps idle use near 30 requests an hour). */
  readonly listIntervalMs?: number
  /** How long stop-now keeps retrying to delete a registration GitHub still holds as busy. */
  readonly deleteRetryMs?: number
}

/** The pool's collaborators, passed in so every one is a real adapter or a test's own. */
export interface PoolDeps {
  readonly docker: DockerPort
  /** Replaced by `useGitHub` when the user saves a new token. */
  github: GitHubPort
  readonly logs: LogStore
  readonly secrets: SecretRegistry
  readonly now?: () => number
}

/** A line worth telling the user: the CLI prints these, the app may notify. */
export interface PoolNotice {
  readonly time: number
  readonly level: 'info' | 'warn' | 'error'
  readonly runner: string | null
  readonly message: string
}

/** The pool's events. */
export type PoolEvents = { snapshot: PoolSnapshot; notice: PoolNotice }

/** What a finished stop left behind (registrations GitHub would not yet let go of). */
export interface StopReport {
  readonly removedContainers: number
  readonly pendingRegistrations: readonly string[]
}

/** Identifies a pool (API host + target) in container labels, so a changed target is detected. */
export function poolKey(config: Pick<PoolConfig, 'apiUrl' | 'target'>): string {
  return `${new URL(config.apiUrl).host}/${formatTarget(config.target)}`
}

import type { TokenState } from '../../../common/contract'
import type { Health, PoolSnapshot } from '../../../common/pool-status'
import { runnerLabelSet } from '../../../common/runner-labels'
import type { Settings } from '../../../common/settings'
import { parseApiUrl } from '../../../common/target'
import type { EngineServices } from '../engine-deps'
import { tokenHealth } from '../pool/pool-health'
import { dockerLine, freshestHealth, gitHubLine, imageLine, networkLine } from './health-lines'

/** What one check found: the lines it checked and the labels runners would register with. */
export interface FreshHealth {
  readonly lines: Partial<Health>
  /** Known once Docker said its platform (needs the installation id). */
  readonly labels: readonly string[] | null
}

/** What a check reads: Docker, the settings and the token as they are when it runs. */
export interface HealthCheckHost {
  readonly docker: EngineServices['docker']
  now(): number
  settings(): Settings
  /** Re-reads the token and asks GitHub about it (only when one is saved). */
  token(): Promise<TokenState>
}

/**
 * Checks Docker, the image, the network and the token right now, whether or not a pool runs, so
 * the health panel is true before any token exists and after every settings change. Checks run
 * one at a time; a request during a check runs one more after it, with the settings of then.
 */
export class HealthChecks {
  private last: FreshHealth | null = null
  private pending: Promise<void> | null = null
  private tail: Promise<void> = Promise.resolve()

  constructor(private readonly host: HealthCheckHost) {}

  /** Checks now (joins a check that has not started yet). */
  check(): Promise<void> {
    if (this.pending) return this.pending
    const run = this.tail.then(async () => {
      this.pending = null
      this.last = await this.probe()
    })
    this.pending = run
    this.tail = run.catch(() => {})
    return run
  }

  /**
   * A snapshot with the fresher of its own and the last check's lines, the GitHub line of the
   * latest token check (saving a token asks GitHub too), and the labels once known.
   */
  apply(snapshot: PoolSnapshot, token: TokenState): PoolSnapshot {
    const last = this.last
    const github = gitHubLine(token.check, this.apiUrl())
    const health = freshestHealth(freshestHealth(snapshot.health, last?.lines ?? null), {
      github,
    })
    return {
      ...snapshot,
      health,
      labels: snapshot.labels.length > 0 ? snapshot.labels : [...(last?.labels ?? [])],
    }
  }

  private apiUrl(): string {
    const settings = this.host.settings()
    const parsed = parseApiUrl(settings.apiUrl)
    return parsed.ok ? parsed.value.apiUrl : settings.apiUrl
  }

  private async probe(): Promise<FreshHealth> {
    const { host } = this
    const settings = host.settings()
    const tokenState = host.token()
    const connected = await host.docker()
    const port = connected.ok ? connected.value.port : null
    const ping = port ? await port.ping() : null
    const reachable = port !== null && ping !== null && ping.ok
    const network = settings.networkMode
    const [image, exists] = await Promise.all([
      reachable ? port.imagePresent(settings.image) : null,
      reachable && network ? port.networkExists(network) : null,
    ])
    const token = await tokenState
    const now = host.now()
    const docker = connected.ok ? ping! : connected
    // No network chosen: runners get this installation's own, which the pool makes at start.
    const networkCheck = networkLine(network, exists, now)
    return {
      lines: {
        docker: dockerLine(docker, now),
        image: imageLine(settings.image, image, now),
        token: tokenHealth(token.check, token.present),
        github: gitHubLine(token.check, this.apiUrl()),
        ...(networkCheck ? { network: networkCheck } : {}),
      },
      labels:
        ping?.ok && settings.installationId
          ? runnerLabelSet(settings.installationId, settings.labels, ping.value)
          : null,
    }
  }
}

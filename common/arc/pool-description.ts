import type { Target } from '../target'

/** How many runners a pool keeps: a fixed count, or idle runners on hand plus more on demand. */
export type PoolMode =
  | { readonly kind: 'fixed'; readonly runners: number }
  | { readonly kind: 'on-demand'; readonly minIdle: number; readonly max: number }

/** What a RunnerDock pool is, as the exporter needs it. */
export interface PoolDescription {
  /** https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  readonly apiUrl: string
  readonly targets: readonly Target[]
  readonly mode: PoolMode
  /**
   * The user's own labels. RunnerDock also adds `self-hosted`, `Linux`, the architecture label and
   * `runnerdock-<installation>` (docs/github-facts.md, "Labels").
   */
  readonly labels: readonly string[]
  /** Organization runner group by name; null means the default group. */
  readonly runnerGroup: string | null
  readonly image: string
  readonly cpus: number | null
  readonly memoryMb: number | null
  /** Runners may use Docker (RunnerDock mounts the host's socket; ARC runs Docker-in-Docker). */
  readonly dockerAccess: boolean
}

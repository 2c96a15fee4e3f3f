import { err, ok, type Result } from '../../common/result'
import { RUNNER_CEILING, TARGET_CEILING, labelSchema } from '../../common/settings'
import { parseTarget, type Target } from '../../common/target'

/** How `up` (and `export arc`) size the pool. */
export type PoolMode =
  | { readonly kind: 'fixed'; readonly runners: number }
  | {
      readonly kind: 'on-demand'
      readonly minIdle: number
      readonly max: number | null
      readonly idleTimeoutMinutes: number
    }

/** Options shared by every pool-running command. */
export interface PoolFlags {
  readonly targets: readonly Target[]
  /** `--all-repos`: every repository the token administers whose workflows ask for self-hosted runners. */
  readonly allRepos: boolean
  readonly mode: PoolMode
  readonly labels: readonly string[]
  readonly image: string | null
  readonly group: string | null
  readonly network: string | null
  readonly cpus: number | null
  readonly memoryMb: number | null
  readonly dockerAccess: boolean
  readonly allowPublic: readonly string[]
}

/** The raw flag values `parseArgs` gave (strings, booleans, and lists for repeatable flags). */
export interface PoolFlagValues {
  readonly target?: readonly string[]
  readonly 'all-repos'?: boolean
  readonly runners?: string
  readonly 'on-demand'?: boolean
  readonly 'min-idle'?: string
  readonly max?: string
  readonly 'idle-timeout'?: string
  readonly labels?: string
  readonly image?: string
  readonly group?: string
  readonly network?: string
  readonly cpus?: string
  readonly memory?: string
  readonly 'docker-access'?: boolean
  readonly 'allow-public'?: readonly string[]
}

/** A number flag in range, or null when absent. */
export function numberFlag(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
  integer: boolean,
): Result<number | null, string> {
  if (text === undefined) return ok(null)
  const value = Number(text)
  if (
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < min ||
    value > max
  )
    return err(
      `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${text}").`,
    )
  return ok(value)
}

/** `5m`, `90s`, `1h` or plain minutes, as whole minutes (1 minute to 1 day). */
export function parseMinutes(
  name: string,
  text: string | undefined,
): Result<number | null, string> {
  if (text === undefined) return ok(null)
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|min|h)?$/i.exec(text.trim())
  const scale: Record<string, number> = { s: 1 / 60, m: 1, min: 1, h: 60 }
  const minutes = match ? Number(match[1]) * (scale[(match[2] ?? 'm').toLowerCase()] ?? 1) : NaN
  if (!Number.isFinite(minutes) || minutes < 1 || minutes > 24 * 60 || !Number.isInteger(minutes))
    return err(`--${name} must be whole minutes from 1m to 24h, like 5m or 1h (got "${text}").`)
  return ok(minutes)
}

function parseLabels(text: string | undefined): Result<string[], string> {
  if (text === undefined || text.trim() === '') return ok([])
  const labels = text
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
  for (const label of labels)
    if (!labelSchema.safeParse(label).success)
      return err(`--labels: "${label}" is not a valid label (1-100 characters, no spaces).`)
  return ok(labels)
}

/**
 * Reads the pool flags: one or more `--target` (or `--all-repos`), then either `--runners N` per
 * target or `--on-demand` with `--min-idle`, `--max` and `--idle-timeout`. Pure; the error is one
 * line saying what was wrong and how to write it.
 */
export function parsePoolFlags(values: PoolFlagValues): Result<PoolFlags, string> {
  const targets: Target[] = []
  for (const text of values.target ?? []) {
    const t = parseTarget(text)
    if (!t.ok) return err(`--target: ${t.error}`)
    targets.push(t.value)
  }
  if (targets.length > TARGET_CEILING) return err(`At most ${TARGET_CEILING} targets.`)
  const allRepos = values['all-repos'] ?? false
  if (targets.length === 0 && !allRepos)
    return err(
      '--target is required (repeat it for several): OWNER/REPO for a repository or ORG for an organization; or --all-repos.',
    )
  const onDemand = values['on-demand'] ?? false
  if (onDemand && values.runners !== undefined)
    return err('Use either --runners N (a fixed pool) or --on-demand, not both.')
  if (!onDemand) {
    for (const flag of ['min-idle', 'max', 'idle-timeout'] as const)
      if (values[flag] !== undefined) return err(`--${flag} goes with --on-demand.`)
    if (values.runners === undefined)
      return err(`--runners is required (runners per target, 0-${RUNNER_CEILING}), or --on-demand.`)
  }
  const runners = numberFlag('runners', values.runners, 0, RUNNER_CEILING, true)
  const minIdle = numberFlag('min-idle', values['min-idle'], 0, RUNNER_CEILING, true)
  const max = numberFlag('max', values.max, 1, RUNNER_CEILING, true)
  const idle = parseMinutes('idle-timeout', values['idle-timeout'])
  const cpus = numberFlag('cpus', values.cpus, 0.01, 1024, false)
  const memory = numberFlag('memory', values.memory, 64, 1_048_576, true)
  const labels = parseLabels(values.labels)
  for (const r of [runners, minIdle, max, idle, cpus, memory, labels]) if (!r.ok) return r
  const value = <T>(r: Result<T, string>) => (r as { value: T }).value
  return ok({
    targets,
    allRepos,
    mode: onDemand
      ? {
          kind: 'on-demand',
          minIdle: value(minIdle) ?? 0,
          max: value(max),
          idleTimeoutMinutes: value(idle) ?? 5,
        }
      : { kind: 'fixed', runners: value(runners) ?? 0 },
    labels: value(labels),
    image: values.image ?? null,
    group: values.group ?? null,
    network: values.network ?? null,
    cpus: value(cpus),
    memoryMb: value(memory),
    dockerAccess: values['docker-access'] ?? false,
    allowPublic: [...(values['allow-public'] ?? [])],
  })
}

import { err, ok, type Result } from '../result'
import { formatTarget, type Target } from '../target'
import type { ArcExportOptions } from './arc-options'
import { configUrlFor, type ConfigUrl } from './config-url'
import type { PoolDescription } from './pool-description'
import { runnerCountsFor } from './runner-counts'
import { resourceLimitsFor } from './runner-resources'
import { checkScaleSetName, deriveScaleSetName } from './scale-set-name'
import { scaleSetValues, type ScaleSetValues } from './scale-set-values'

/** One target's scale set: its name, where it registers and the values that describe it. */
export interface ScaleSetPlan {
  readonly target: Target
  readonly name: string
  readonly fileName: string
  readonly config: ConfigUrl
  readonly values: ScaleSetValues
  /** The pool's runner group when the target is a repository, which has only the default group. */
  readonly groupNotCarried: string | null
}

/**
 * Decides every scale set of an export, or lists every problem at once (so a user fixes them in one
 * go): a bad API URL, counts or limits, an invalid or duplicate scale set name.
 */
export function planScaleSets(
  description: PoolDescription,
  options: ArcExportOptions,
): Result<ScaleSetPlan[], string[]> {
  const problems: string[] = []
  if (description.targets.length === 0) problems.push('The pool has no target to export.')
  if (description.image.trim() === '') problems.push('The runner image is empty.')
  const counts = runnerCountsFor(description.mode)
  if (!counts.ok) problems.push(counts.error)
  const limits = resourceLimitsFor(description.cpus, description.memoryMb)
  if (!limits.ok) problems.push(limits.error)
  const known = new Set(description.targets.map(formatTarget))
  for (const key of Object.keys(options.scaleSetNames))
    if (!known.has(key))
      problems.push(`A scale set name is given for "${key}", which is not a target of this pool.`)

  const plans: ScaleSetPlan[] = []
  const byName = new Map<string, string>()
  for (const target of description.targets) {
    const key = formatTarget(target)
    const config = configUrlFor(description.apiUrl, target)
    if (!config.ok) {
      problems.push(config.error)
      continue
    }
    const name = checkScaleSetName(options.scaleSetNames[key] ?? deriveScaleSetName(target))
    if (!name.ok) {
      problems.push(`${key}: ${name.error}`)
      continue
    }
    const other = byName.get(name.value)
    if (other !== undefined) {
      problems.push(
        `${other} and ${key} would both be the scale set "${name.value}": give one of them another name.`,
      )
      continue
    }
    byName.set(name.value, key)
    if (!counts.ok || !limits.ok) continue
    const group = target.kind === 'org' ? description.runnerGroup : null
    plans.push({
      target,
      name: name.value,
      fileName: `${name.value}.values.yaml`,
      config: config.value,
      groupNotCarried: target.kind === 'repo' ? description.runnerGroup : null,
      values: scaleSetValues({
        configUrl: config.value.url,
        secretName: options.secretName,
        scaleSetName: name.value,
        runnerGroup: group,
        minRunners: counts.value.minRunners,
        maxRunners: counts.value.maxRunners,
        image: description.image,
        limits: limits.value,
        dockerAccess: description.dockerAccess,
      }),
    })
  }
  // A bad API URL is wrong for every target: say it once.
  return problems.length > 0 ? err([...new Set(problems)]) : ok(plans)
}

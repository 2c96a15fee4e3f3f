import { Document, isMap, isScalar, Scalar, type Pair, type YAMLMap, type YAMLSeq } from 'yaml'
import { formatTarget } from '../target'
import { ARC_CHART_VERSION } from './arc-chart'
import type { ArcExportOptions } from './arc-options'
import { EXPORT_MARKER } from './export-marker'
import { scaleSetInstallCommand } from './install-commands'
import type { PoolDescription } from './pool-description'
import { runsOnToday } from './runs-on'
import type { ScaleSetPlan } from './scale-set-plan'

/** What the values comments say beyond the plan itself. */
export interface ValuesContext {
  readonly description: PoolDescription
  readonly options: ArcExportOptions
  /** How many scale sets this export writes: RunnerDock's maximum is shared, ARC's is not. */
  readonly scaleSetCount: number
  readonly guideFileName: string
}

// yaml writes a comment string line by line after `#`; a leading space reads better.
const comment = (...lines: string[]) => lines.map((l) => (l === '' ? '' : ` ${l}`)).join('\n')

function pairOf(map: YAMLMap, key: string): Pair {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key)
  if (!pair) throw new Error(`values have no ${key}`)
  return pair
}

function commentOn(map: YAMLMap, key: string, text: string, spaceBefore = true): void {
  const k = pairOf(map, key).key as Scalar
  k.commentBefore = text
  k.spaceBefore = spaceBefore
}

function countComments(plan: ScaleSetPlan, context: ValuesContext): { min: string; max: string } {
  const { mode } = context.description
  const { minRunners, maxRunners } = plan.values
  const each = context.scaleSetCount > 1 ? ' Each scale set keeps its own count.' : ''
  if (mode.kind === 'fixed')
    return {
      min: comment(
        `Fixed ${mode.runners} in RunnerDock: ARC keeps exactly ${minRunners} runners, idle or busy (minRunners = maxRunners).${each}`,
      ),
      max: comment(),
    }
  const together =
    context.scaleSetCount > 1
      ? [
          `This export gives each of its ${context.scaleSetCount} scale sets the pool's maximum, so together they may`,
          `run ${context.scaleSetCount * maxRunners} runners: lower it here if the cluster should not.`,
        ]
      : []
  return {
    min: comment(
      `On demand in RunnerDock: ARC keeps ${minRunners} idle runner${minRunners === 1 ? '' : 's'} ready and adds one per job`,
      'assigned to this scale set, up to maxRunners.',
    ),
    max: comment(
      "RunnerDock's maximum covers the whole machine; ARC's maxRunners covers this scale set only.",
      ...together,
    ),
  }
}

/**
 * One scale set's values file: YAML with comments that say what each value came from in RunnerDock
 * and what differs on ARC. Parsing it gives back exactly `plan.values`.
 */
export function renderValuesYaml(plan: ScaleSetPlan, context: ValuesContext): string {
  const { description, options } = context
  const doc = new Document(plan.values)
  const map = doc.contents as YAMLMap
  const where = formatTarget(plan.target)
  const install = scaleSetInstallCommand(plan.name, plan.fileName, options)
  doc.commentBefore = comment(
    EXPORT_MARKER,
    `Values for ARC's gha-runner-scale-set Helm chart ${ARC_CHART_VERSION}: the RunnerDock pool's runners for ${where}.`,
    `Install it after the controller and the secret (${context.guideFileName} has every step):`,
    ...install.map((line) => `  ${line}`),
    ...(plan.config.enterpriseServer
      ? [
          `GitHub Enterprise Server (${plan.config.host}) needs version 3.9 or later for runner scale sets. If its`,
          "certificate comes from a private CA, add githubServerTLS (see the chart's values.yaml).",
        ]
      : []),
  )

  commentOn(
    map,
    'githubConfigUrl',
    plan.target.kind === 'repo'
      ? comment('The repository these runners register with (its web address, not the API URL).')
      : comment(
          'The organization these runners register with (its web address, not the API URL); its',
          'repositories use them as the runner group allows.',
        ),
    false,
  )
  commentOn(
    map,
    'githubConfigSecret',
    comment(
      `The name of a Kubernetes secret in the ${options.runnersNamespace} namespace that holds the token under the key`,
      `github_token. You create it (see ${context.guideFileName}); RunnerDock never writes a token into this file.`,
    ),
  )
  commentOn(
    map,
    'runnerScaleSetName',
    comment(
      `Workflows choose these runners by this name alone: runs-on: ${plan.name}`,
      `(today they may say runs-on: ${runsOnToday(description.labels)}). A scale set answers to its name`,
      "only, so RunnerDock's labels (self-hosted, Linux, the architecture, runnerdock-<installation>",
      'and your own) do not select it.',
      ...(plan.groupNotCarried !== null
        ? [
            `The pool's runner group "${plan.groupNotCarried}" is not written: a repository has only the default`,
            'runner group.',
          ]
        : []),
    ),
  )
  if (plan.values.runnerGroup !== undefined)
    commentOn(
      map,
      'runnerGroup',
      comment(
        'The organization runner group the scale set joins, as in RunnerDock. It must already exist and',
        'allow the repositories that will use these runners.',
      ),
    )
  const counts = countComments(plan, context)
  commentOn(map, 'minRunners', counts.min)
  if (counts.max !== '') commentOn(map, 'maxRunners', counts.max, false)
  if (plan.values.containerMode)
    commentOn(
      map,
      'containerMode',
      comment(
        "Docker access was on in RunnerDock, where runners used this machine's Docker socket. Here each",
        'runner pod gets its own Docker daemon instead: the chart adds a privileged "dind" sidecar and',
        'points DOCKER_HOST at it. Nothing is shared with the node or between runners, including images.',
      ),
    )
  commentOn(
    map,
    'template',
    comment(
      'The runner pod: the same image and command as RunnerDock. ARC gives each runner a one-time JIT',
      'config, so every pod runs one job and is replaced, as in RunnerDock.',
      ...(description.dockerAccess
        ? []
        : ['Docker access was off in RunnerDock, so no Docker daemon is added.']),
    ),
  )

  const spec = (pairOf(map, 'template').value as YAMLMap).get('spec') as YAMLMap
  const runner = (spec.get('containers') as YAMLSeq).items[0] as YAMLMap
  const command = runner.get('command') as YAMLSeq<Scalar>
  command.flow = true
  for (const item of command.items) item.type = Scalar.QUOTE_DOUBLE
  const resources = runner.items.find((p) => isScalar(p.key) && p.key.value === 'resources')
  if (resources && isMap(resources.value))
    (resources.key as Scalar).commentBefore = comment(
      "RunnerDock's limits for each runner. With no request set, Kubernetes requests the limit too, so a",
      'node needs that much free for each runner pod.',
    )

  return doc.toString({ lineWidth: 0, flowCollectionPadding: false })
}

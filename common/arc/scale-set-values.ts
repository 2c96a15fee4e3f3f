import type { ResourceLimits } from './runner-resources'

/** The runner container, named `runner` as ARC's chart requires to merge its own settings in. */
export interface RunnerContainer {
  readonly name: 'runner'
  readonly image: string
  /** The official image has no entrypoint; the chart's default command runs the runner once. */
  readonly command: readonly ['/home/runner/run.sh']
  readonly resources?: { readonly limits: ResourceLimits }
}

/**
 * The values RunnerDock writes for one `gha-runner-scale-set` release, in the order they are
 * written. Every key path here is checked against the chart's own values.yaml in the tests.
 */
export interface ScaleSetValues {
  readonly githubConfigUrl: string
  /** The name of a pre-created secret (the chart's "pre-defined secret" form), never a token. */
  readonly githubConfigSecret: string
  readonly runnerScaleSetName: string
  readonly runnerGroup?: string
  readonly minRunners: number
  readonly maxRunners: number
  readonly containerMode?: { readonly type: 'dind' }
  readonly template: { readonly spec: { readonly containers: readonly [RunnerContainer] } }
}

/** The chart's default runner command, kept by RunnerDock too (docs/github-facts.md). */
export const RUNNER_COMMAND = ['/home/runner/run.sh'] as const

/** Everything `scaleSetValues` needs, already checked. */
export interface ScaleSetInput {
  readonly configUrl: string
  readonly secretName: string
  readonly scaleSetName: string
  /** Only for organizations: a repository has just the default group. */
  readonly runnerGroup: string | null
  readonly minRunners: number
  readonly maxRunners: number
  readonly image: string
  readonly limits: ResourceLimits | null
  readonly dockerAccess: boolean
}

/** Assembles one scale set's values; optional keys appear only when they say something. */
export function scaleSetValues(input: ScaleSetInput): ScaleSetValues {
  const runner: RunnerContainer = {
    name: 'runner',
    image: input.image,
    command: [...RUNNER_COMMAND],
    ...(input.limits ? { resources: { limits: input.limits } } : {}),
  }
  return {
    githubConfigUrl: input.configUrl,
    githubConfigSecret: input.secretName,
    runnerScaleSetName: input.scaleSetName,
    ...(input.runnerGroup !== null ? { runnerGroup: input.runnerGroup } : {}),
    minRunners: input.minRunners,
    maxRunners: input.maxRunners,
    ...(input.dockerAccess ? { containerMode: { type: 'dind' as const } } : {}),
    template: { spec: { containers: [runner] } },
  }
}

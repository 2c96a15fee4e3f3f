import { NAMESPACE_MAX } from './arc-chart'
import { isDnsLabel, isDnsSubdomain } from './kubernetes-names'

/** Choices the exporter leaves to the user; every field has a default (`DEFAULT_ARC_OPTIONS`). */
export interface ArcExportOptions {
  /** The Kubernetes secret the user creates with the token; the values name it, never the token. */
  readonly secretName: string
  /** Where the scale sets and their runner pods live. */
  readonly runnersNamespace: string
  /** Where ARC's controller lives. */
  readonly controllerNamespace: string
  /** Scale set names chosen by the user, keyed by target as `formatTarget` writes it. */
  readonly scaleSetNames: Readonly<Record<string, string>>
}

/** The names GitHub's ARC quickstart uses, and a secret name that says who made it. */
export const DEFAULT_ARC_OPTIONS: ArcExportOptions = {
  secretName: 'runnerdock-github',
  runnersNamespace: 'arc-runners',
  controllerNamespace: 'arc-systems',
  scaleSetNames: {},
}

/** Problems with the options, each saying what a valid value looks like (empty when fine). */
export function checkArcOptions(options: ArcExportOptions): string[] {
  const problems: string[] = []
  if (!isDnsSubdomain(options.secretName))
    problems.push(
      `"${options.secretName}" is not a Kubernetes secret name: use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.`,
    )
  for (const [what, name] of [
    ['runners namespace', options.runnersNamespace],
    ['controller namespace', options.controllerNamespace],
  ] as const) {
    if (!isDnsLabel(name, NAMESPACE_MAX))
      problems.push(
        `"${name}" is not a valid ${what}: use at most ${NAMESPACE_MAX} lowercase letters, digits and "-", starting and ending with a letter or digit.`,
      )
  }
  return problems
}

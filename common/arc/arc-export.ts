import { err, ok, type Result } from '../result'
import { checkArcOptions, DEFAULT_ARC_OPTIONS, type ArcExportOptions } from './arc-options'
import { GUIDE_FILE_NAME, renderGuide } from './arc-guide'
import type { PoolDescription } from './pool-description'
import { planScaleSets, type ScaleSetPlan } from './scale-set-plan'
import { renderValuesYaml } from './values-yaml'

/** A file an export writes: a name (no folders) and its whole text. */
export interface ArcExportFile {
  readonly fileName: string
  readonly text: string
}

/** An export: one values file per target, and the guide for all of them. */
export interface ArcExport {
  readonly scaleSets: readonly (ScaleSetPlan & ArcExportFile)[]
  readonly guide: ArcExportFile
  /** Every file in writing order: the values files, then the guide. */
  readonly files: readonly ArcExportFile[]
}

/**
 * Turns a RunnerDock pool into files for actions-runner-controller: pure, so the CLI, the dashboard
 * and the tests all get the same text. Every problem is reported at once, as a list of sentences.
 */
export function planArcExport(
  description: PoolDescription,
  choices: Partial<ArcExportOptions> = {},
): Result<ArcExport, string[]> {
  const options: ArcExportOptions = { ...DEFAULT_ARC_OPTIONS, ...choices }
  const optionProblems = checkArcOptions(options)
  const plans = planScaleSets(description, options)
  if (!plans.ok || optionProblems.length > 0)
    return err([...optionProblems, ...(plans.ok ? [] : plans.error)])
  const context = {
    description,
    options,
    scaleSetCount: plans.value.length,
    guideFileName: GUIDE_FILE_NAME,
  }
  const scaleSets = plans.value.map((plan) => ({
    ...plan,
    text: renderValuesYaml(plan, context),
  }))
  const guide = { fileName: GUIDE_FILE_NAME, text: renderGuide(plans.value, description, options) }
  return ok({
    scaleSets,
    guide,
    files: [...scaleSets.map(({ fileName, text }) => ({ fileName, text })), guide],
  })
}

import path from 'node:path'
import { planArcExport } from '../../../common/arc/arc-export'
import type { ArcExportOptions } from '../../../common/arc/arc-options'
import type { PoolDescription } from '../../../common/arc/pool-description'
import { writeArcFiles } from '../../engine/arc/write-arc-files'
import { EXIT, type ConsoleIo } from '../../services/console-io'

/** Where to write, plus the exporter's own choices (defaults in `DEFAULT_ARC_OPTIONS`). */
export interface ExportArcOptions extends Partial<ArcExportOptions> {
  readonly outDir: string
}

/**
 * `runnerdock export arc`: writes the ARC values files and the guide into `outDir`, creating it.
 * Nothing is written unless every file can be: a file RunnerDock did not write is never replaced.
 */
export async function exportArc(
  io: ConsoleIo,
  description: PoolDescription,
  options: ExportArcOptions,
): Promise<number> {
  const { outDir, ...choices } = options
  const plan = planArcExport(description, choices)
  if (!plan.ok) {
    for (const problem of plan.error) io.err(`Not exported: ${problem}`)
    return EXIT.failed
  }
  const written = await writeArcFiles(outDir, plan.value.files)
  for (const file of written.ok ? written.value : written.error.written) io.out(`wrote ${file}`)
  if (!written.ok) {
    for (const problem of written.error.problems) io.err(`Not exported: ${problem}`)
    if (written.error.kind === 'refused')
      io.err('Nothing was written. Move those files away or export into another folder.')
    return EXIT.failed
  }
  const guide = path.join(outDir, plan.value.guide.fileName)
  io.out(`Next: follow ${guide} to install ARC and move workflows over.`)
  return EXIT.ok
}

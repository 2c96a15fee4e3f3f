import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { planArcExport, type ArcExportFile } from '../../../common/arc/arc-export'
import type { ArcExportOptions } from '../../../common/arc/arc-options'
import { isRunnerDockFile } from '../../../common/arc/export-marker'
import type { PoolDescription } from '../../../common/arc/pool-description'
import { EXIT, type ConsoleIo } from '../../services/console-io'

/** Where to write, plus the exporter's own choices (defaults in `DEFAULT_ARC_OPTIONS`). */
export interface ExportArcOptions extends Partial<ArcExportOptions> {
  readonly outDir: string
}

const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code

// Why a file may not be written: it exists and RunnerDock did not write it (or it is unreadable).
async function refusal(file: string): Promise<string | null> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null
    if (errorCode(e) === 'EISDIR') return `${file} is a folder.`
    return `${file} cannot be read (${(e as Error).message}).`
  }
  return isRunnerDockFile(text)
    ? null
    : `${file} exists and RunnerDock did not write it (its first line is not RunnerDock's marker).`
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
  try {
    await mkdir(outDir, { recursive: true })
  } catch (e) {
    io.err(`Not exported: cannot create ${outDir} (${(e as Error).message}).`)
    return EXIT.failed
  }
  const target = (file: ArcExportFile) => path.join(outDir, file.fileName)
  const refusals = (await Promise.all(plan.value.files.map((f) => refusal(target(f))))).filter(
    (r): r is string => r !== null,
  )
  if (refusals.length > 0) {
    for (const r of refusals) io.err(`Not exported: ${r}`)
    io.err('Nothing was written. Move those files away or export into another folder.')
    return EXIT.failed
  }
  for (const file of plan.value.files) {
    try {
      await writeFile(target(file), file.text, 'utf8')
    } catch (e) {
      io.err(`Could not write ${target(file)} (${(e as Error).message}).`)
      return EXIT.failed
    }
    io.out(`wrote ${target(file)}`)
  }
  io.out(`Next: follow ${target(plan.value.guide)} to install ARC and move workflows over.`)
  return EXIT.ok
}

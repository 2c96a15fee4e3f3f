import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ArcExportFile } from '../../../common/arc/arc-export'
import { isRunnerDockFile } from '../../../common/arc/export-marker'
import { err, ok, type Result } from '../../../common/result'

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

/** Why nothing (or not everything) was written, each problem a sentence with the path. */
export interface WriteArcFailure {
  /** `refused`: a check found files in the way, nothing was written; `failed`: the disk said no. */
  readonly kind: 'refused' | 'failed'
  readonly problems: readonly string[]
  /** Files written before a write failed (none when a check refused first). */
  readonly written: readonly string[]
}

/**
 * Writes an ARC export's files into `outDir`, creating it. Nothing is written unless every file
 * can be: a file RunnerDock did not write is never replaced (the CLI and the desktop app's
 * save-to-folder share this). Answers the paths written, in order.
 */
export async function writeArcFiles(
  outDir: string,
  files: readonly ArcExportFile[],
): Promise<Result<string[], WriteArcFailure>> {
  try {
    await mkdir(outDir, { recursive: true })
  } catch (e) {
    return err({
      kind: 'failed',
      problems: [`cannot create ${outDir} (${(e as Error).message}).`],
      written: [],
    })
  }
  const target = (file: ArcExportFile) => path.join(outDir, file.fileName)
  const refusals = (await Promise.all(files.map((f) => refusal(target(f))))).filter(
    (r): r is string => r !== null,
  )
  if (refusals.length > 0) return err({ kind: 'refused', problems: refusals, written: [] })
  const written: string[] = []
  for (const file of files) {
    try {
      await writeFile(target(file), file.text, 'utf8')
    } catch (e) {
      return err({
        kind: 'failed',
        problems: [`could not write ${target(file)} (${(e as Error).message}).`],
        written,
      })
    }
    written.push(target(file))
  }
  return ok(written)
}

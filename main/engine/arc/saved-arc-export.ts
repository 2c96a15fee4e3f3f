import { ARC_CHART_VERSION } from '../../../common/arc/arc-chart'
import { planArcExport, type ArcExport } from '../../../common/arc/arc-export'
import type { ArcExportResult, ArcSaveResult } from '../../../common/contract'
import { err, ok, type Result } from '../../../common/result'
import type { Settings } from '../../../common/settings'
import type { DiscoveredRepo } from '../demand/discovery'
import type { DiscoveryControl } from '../discovery-control'
import { openGitHubSession } from '../github/github-session'
import { poolTargets } from '../pool-goal'
import type { TokenStore } from '../secrets/token-store-port'
import { describeSettings } from './describe-pool'
import { writeArcFiles } from './write-arc-files'

/** What the dashboard's export is made from: the saved settings and what discovery found. */
export interface ArcExportSource {
  readonly settings: Settings
  readonly discovery: Pick<DiscoveryControl, 'repos' | 'checkedAt' | 'problem' | 'refresh'>
  readonly tokens: TokenStore
}

/** Asks the user for a folder (the desktop app's native dialog); null when they cancel. */
export type ChooseFolder = (title: string) => Promise<string | null>

// With discovery on, ARC needs one scale set per repository: use what discovery found, looking
// first if it never has (or its last look failed), as `runnerdock export arc` does.
async function discovered(
  source: ArcExportSource,
): Promise<Result<readonly DiscoveredRepo[], string>> {
  const { settings, discovery } = source
  if (!settings.discoverRepositories) return ok([])
  if (discovery.checkedAt !== null && discovery.problem === null) return ok(discovery.repos)
  const session = await openGitHubSession(source.tokens, settings.apiUrl)
  if (!session.ok) return err(`Cannot look for repositories: ${session.error.message}`)
  const found = await discovery.refresh(session.value.github)
  return found.ok ? ok(found.value) : err(found.error)
}

/** The export of the saved pool, or why there is none, in the user's words. */
export async function planSavedArcExport(
  source: ArcExportSource,
): Promise<Result<ArcExport, string>> {
  const repos = await discovered(source)
  if (!repos.ok) return err(repos.error)
  const targets = poolTargets(source.settings, repos.value).map((t) => t.target)
  if (targets.length === 0)
    return err(
      'Nothing to export: no target. Choose a repository or organization in Settings (or turn on discovery), then export again.',
    )
  const plan = planArcExport(describeSettings(source.settings, targets))
  return plan.ok ? ok(plan.value) : err(`Cannot export: ${plan.error.join(' ')}`)
}

/** `exportArc`: the files of the saved pool's export, for the dashboard to show, copy or download. */
export async function exportArcFiles(source: ArcExportSource): Promise<ArcExportResult> {
  const plan = await planSavedArcExport(source)
  if (!plan.ok) return { ok: false, message: plan.error }
  return {
    ok: true,
    chartVersion: ARC_CHART_VERSION,
    files: plan.value.files.map((f) => ({ path: f.fileName, text: f.text })),
  }
}

/**
 * `saveArcExport`: asks for a folder (desktop only) and writes the export there. The files are
 * generated again here, from the saved settings, so nothing the page sends is ever written.
 */
export async function saveArcExport(
  source: ArcExportSource,
  chooseFolder: ChooseFolder | undefined,
): Promise<ArcSaveResult> {
  if (!chooseFolder)
    return {
      ok: false,
      message: 'Saving to a folder is for the desktop app: download each file from this page.',
    }
  const plan = await planSavedArcExport(source)
  if (!plan.ok) return { ok: false, message: plan.error }
  const folder = await chooseFolder('Choose a folder for the Kubernetes (ARC) files')
  if (folder === null) return { ok: true, folder: null, written: [] }
  const written = await writeArcFiles(folder, plan.value.files)
  if (written.ok) return { ok: true, folder, written: plan.value.files.map((f) => f.fileName) }
  const advice =
    written.error.kind === 'refused'
      ? ' Nothing was written: choose another folder, or move those files away.'
      : ''
  return { ok: false, message: `Not saved: ${written.error.problems.join(' ')}${advice}` }
}

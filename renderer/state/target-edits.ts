import type { SettingsPatch } from '../../common/contract'
import { isPublicAllowed } from '../../common/public-targets'
import type { TargetStatus } from '../../common/pool-status'
import type { Settings } from '../../common/settings'
import { formatTarget, parseTarget, type Target } from '../../common/target'

const same = (a: Target, b: Target) =>
  formatTarget(a).toLowerCase() === formatTarget(b).toLowerCase()

/** The patch that adds a typed target to the chosen ones, or what is wrong with it. */
export function addTargetPatch(
  settings: Pick<Settings, 'targets' | 'excludedTargets'>,
  text: string,
): { ok: true; patch: SettingsPatch } | { ok: false; message: string } {
  const parsed = parseTarget(text)
  if (!parsed.ok) return { ok: false, message: parsed.error }
  const target = parsed.value
  if (settings.targets.some((t) => same(t, target)))
    return { ok: false, message: `${formatTarget(target)} is served already.` }
  const excluded = settings.excludedTargets.filter((t) => !same(t, target))
  return {
    ok: true,
    patch: {
      targets: [...settings.targets, target],
      ...(excluded.length !== settings.excludedTargets.length && { excludedTargets: excluded }),
    },
  }
}

/**
 * The patch that stops serving a target: a chosen one leaves the list; a discovered one is
 * excluded, so the next discovery does not bring it back.
 */
export function removeTargetPatch(
  settings: Pick<Settings, 'targets' | 'excludedTargets'>,
  status: Pick<TargetStatus, 'target' | 'source'>,
): SettingsPatch {
  if (status.source === 'chosen')
    return { targets: settings.targets.filter((t) => !same(t, status.target)) }
  if (settings.excludedTargets.some((t) => same(t, status.target))) return {}
  return { excludedTargets: [...settings.excludedTargets, status.target] }
}

/** The patch that allows one public target after the user read the risk (null: allowed already). */
export function allowPublicPatch(
  settings: Pick<Settings, 'allowPublic'>,
  target: Target,
): SettingsPatch | null {
  if (isPublicAllowed(target, settings.allowPublic)) return null
  return { allowPublic: [...settings.allowPublic, formatTarget(target)] }
}

/** The risk of allowing a public target, as the confirmation states it before anything changes. */
export function publicRisk(target: Target): string {
  const name = formatTarget(target)
  return target.kind === 'repo'
    ? `${name} is public. Anyone can fork it and open a pull request, and a workflow run for that pull request could run their code on this machine, with whatever this machine can reach. GitHub recommends self-hosted runners for private repositories only.`
    : `The runner group in ${name} admits public repositories. A pull request from a fork of any of them could run its code on this machine. GitHub recommends self-hosted runners for private repositories only.`
}

/** How long the oldest queued job of a target has waited, for the ticking column. */
export function waitedMs(oldestQueuedAt: number | null, now: number): number | null {
  return oldestQueuedAt === null ? null : Math.max(0, now - oldestQueuedAt)
}

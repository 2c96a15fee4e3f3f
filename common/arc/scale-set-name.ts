import { err, ok, type Result } from '../result'
import { formatTarget, type Target } from '../target'
import { SCALE_SET_NAME_MAX } from './arc-chart'
import { isDnsLabel } from './kubernetes-names'

/**
 * The rules RunnerDock enforces for a scale set name, and why:
 * - at most 45 characters: ARC's chart refuses longer names;
 * - lowercase letters, digits and `-`, starting and ending with a letter or digit: the name is
 *   also the Helm release name and the `AutoscalingRunnerSet`'s Kubernetes name (a DNS label);
 * - workflows select the scale set by this name in `runs-on`, so it should read well there.
 */
export const SCALE_SET_NAME_RULES = `at most ${SCALE_SET_NAME_MAX} lowercase letters, digits and "-", starting and ending with a letter or digit`

/** Checks a scale set name against `SCALE_SET_NAME_RULES`; the error says what to write. */
export function checkScaleSetName(name: string): Result<string, string> {
  if (isDnsLabel(name, SCALE_SET_NAME_MAX)) return ok(name)
  return err(`"${name}" is not a valid scale set name: use ${SCALE_SET_NAME_RULES}.`)
}

// FNV-1a: a short, stable fingerprint that keeps shortened names of different targets apart.
function fingerprint(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0').slice(0, 6)
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * The scale set name a target gets unless the user picks one: `owner-repo` for a repository, the
 * organization's name for an organization, lowercased with every other character run turned into
 * `-`. A name over the limit keeps its start and ends in a fingerprint of the whole target.
 */
export function deriveScaleSetName(target: Target): string {
  const name = slug(target.kind === 'repo' ? `${target.owner}-${target.repo}` : target.org)
  if (name.length <= SCALE_SET_NAME_MAX) return name
  const suffix = `-${fingerprint(formatTarget(target))}`
  return `${name.slice(0, SCALE_SET_NAME_MAX - suffix.length).replace(/-+$/, '')}${suffix}`
}

import { settingsPatchSchema, type SettingsPatch } from '../../common/contract'
import type { Settings } from '../../common/settings'
import { formatTarget, parseTarget, type Target } from '../../common/target'

/** The settings form as the user types it: text for every field that is not a switch. */
export interface SettingsFormValues {
  labels: string
  runnerGroup: string
  image: string
  cpus: string
  memoryMb: string
  maxRunners: string
  mode: 'fixed' | 'on-demand'
  minIdle: string
  idleTimeoutMinutes: string
  discoverRepositories: boolean
  allowPublic: string
  networkMode: string
  dockerAccess: boolean
  startAtLogin: boolean
  runOnLaunch: boolean
  notifyJobResults: boolean
  apiUrl: string
  oauthClientId: string
}

/** A message per field the user must fix. */
export type FieldErrors = Partial<Record<keyof SettingsFormValues, string>>

// What to do, in the user's words; the schema's own wording ("Too small: expected number...") is not.
const HINTS: Record<keyof SettingsFormValues, string> = {
  labels:
    'Separate labels with commas. A label has no spaces and at most 100 characters; up to 50 labels.',
  runnerGroup: 'Enter a runner group name, or leave it empty for the default group.',
  image: 'Enter an image name, like ghcr.io/actions/actions-runner:latest.',
  cpus: 'Enter a number of CPUs greater than 0 (like 2 or 1.5), or leave it empty for no limit.',
  memoryMb: 'Enter whole megabytes, at least 64, or leave it empty for no limit.',
  maxRunners: 'Enter a whole number from 1 to 64, or leave it empty for this machine’s default.',
  mode: 'Choose fixed or on demand.',
  minIdle: 'Enter a whole number from 0 to 64.',
  idleTimeoutMinutes: 'Enter whole minutes from 1 to 1440.',
  discoverRepositories: 'Choose on or off.',
  allowPublic:
    'Separate targets with commas: OWNER/REPO for a repository or ORG for an organization.',
  networkMode: "Enter a Docker network name, or leave it empty for Docker's default.",
  dockerAccess: 'Choose on or off.',
  startAtLogin: 'Choose on or off.',
  runOnLaunch: 'Choose on or off.',
  notifyJobResults: 'Choose on or off.',
  apiUrl: 'Enter https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.',
  oauthClientId: 'Enter the OAuth app client id, or leave it empty.',
}

/** The form filled from saved settings. */
export function formFromSettings(s: Settings): SettingsFormValues {
  return {
    labels: s.labels.join(', '),
    runnerGroup: s.runnerGroup ?? '',
    image: s.image,
    cpus: s.cpus === null ? '' : String(s.cpus),
    memoryMb: s.memoryMb === null ? '' : String(s.memoryMb),
    maxRunners: s.maxRunners === null ? '' : String(s.maxRunners),
    mode: s.mode,
    minIdle: String(s.minIdle),
    idleTimeoutMinutes: String(s.idleTimeoutMinutes),
    discoverRepositories: s.discoverRepositories,
    allowPublic: s.allowPublic.join(', '),
    networkMode: s.networkMode ?? '',
    dockerAccess: s.dockerAccess,
    startAtLogin: s.startAtLogin,
    runOnLaunch: s.runOnLaunch,
    notifyJobResults: s.notifyJobResults,
    apiUrl: s.apiUrl,
    oauthClientId: s.oauthClientId ?? '',
  }
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim())
// Number('') is 0 and Number('1e3') is 1000: only plain decimals count as numbers here.
const numberOrNull = (text: string): number | null =>
  text.trim() === '' ? null : /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : Number.NaN

/** The labels typed as "a, b,c": split, trimmed, empties dropped. */
export function parseLabels(text: string): string[] {
  return text
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
}

/**
 * Turns the form into a patch of the fields that changed, validated with the contract's
 * settingsPatchSchema so the user sees each field's problem before anything is sent.
 */
export function patchFromForm(
  form: SettingsFormValues,
  current: Settings,
): { ok: true; patch: SettingsPatch } | { ok: false; errors: FieldErrors } {
  const candidate: Record<string, unknown> = {
    labels: parseLabels(form.labels),
    runnerGroup: orNull(form.runnerGroup),
    image: form.image.trim(),
    cpus: numberOrNull(form.cpus),
    memoryMb: numberOrNull(form.memoryMb),
    maxRunners: numberOrNull(form.maxRunners),
    mode: form.mode,
    minIdle: numberOrNull(form.minIdle) ?? Number.NaN,
    idleTimeoutMinutes: numberOrNull(form.idleTimeoutMinutes) ?? Number.NaN,
    discoverRepositories: form.discoverRepositories,
    allowPublic: parseLabels(form.allowPublic),
    networkMode: orNull(form.networkMode),
    dockerAccess: form.dockerAccess,
    startAtLogin: form.startAtLogin,
    runOnLaunch: form.runOnLaunch,
    notifyJobResults: form.notifyJobResults,
    apiUrl: form.apiUrl.trim(),
    oauthClientId: orNull(form.oauthClientId),
  }
  // Validate every field (NaN serialises like null, so a diff alone could hide a typo), then diff.
  const parsed = settingsPatchSchema.safeParse(candidate)
  if (!parsed.success) {
    const errors: FieldErrors = {}
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof SettingsFormValues | undefined
      if (field !== undefined && field in HINTS && !errors[field]) errors[field] = HINTS[field]
    }
    return { ok: false, errors }
  }
  const changed: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(candidate)) {
    if (JSON.stringify(value) !== JSON.stringify(current[key as keyof Settings]))
      changed[key] = value
  }
  return { ok: true, patch: changed as SettingsPatch }
}

/**
 * Targets as typed: OWNER/REPO or ORG, separated by commas, spaces or lines; empty means none
 * chosen yet. The first problem is named.
 */
export function targetsFromText(
  text: string,
): { ok: true; targets: Target[] } | { ok: false; message: string } {
  const targets: Target[] = []
  for (const part of text.split(/[\s,]+/).filter((p) => p.length > 0)) {
    const parsed = parseTarget(part)
    if (!parsed.ok) return { ok: false, message: parsed.error }
    if (
      !targets.some(
        (t) => formatTarget(t).toLowerCase() === formatTarget(parsed.value).toLowerCase(),
      )
    )
      targets.push(parsed.value)
  }
  return { ok: true, targets }
}

/** The text field's value for saved targets. */
export function targetsText(targets: readonly Target[]): string {
  return targets.map(formatTarget).join(', ')
}

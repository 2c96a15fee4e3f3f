import { settingsPatchSchema, type SettingsPatch } from '../../common/contract'
import { imageReferenceProblem } from '../../common/image-reference'
import { RESTART_FIELDS, type Settings } from '../../common/settings'
import { formatTarget, parseTarget, type Target } from '../../common/target'

/** The settings form as the user types it: text for every field that is not a switch. */
export interface SettingsFormValues {
  labels: string
  runnerGroup: string
  image: string
  cpus: string
  memoryMb: string
  allowPublic: string
  resourceLimits: boolean
  networkMode: string
  dockerAccess: boolean
  caches: boolean
  cacheLimitGb: string
  startAtLogin: boolean
  runOnLaunch: boolean
  notifyJobResults: boolean
  notifyFailedJobs: boolean
  historyDays: string
  historyMaxJobs: string
  metricsEnabled: boolean
  metricsPort: string
  oauthClientId: string
}

/** A field of the settings form (each is also a setting of the same name). */
export type FormField = keyof SettingsFormValues

/** A message per field the user must fix. */
export type FieldErrors = Partial<Record<FormField, string>>

/** The fields in the order the form shows them: the first invalid one is focused. */
export const FORM_FIELDS: readonly FormField[] = [
  'labels',
  'runnerGroup',
  'image',
  'cpus',
  'memoryMb',
  'resourceLimits',
  'networkMode',
  'dockerAccess',
  'caches',
  'cacheLimitGb',
  'allowPublic',
  'startAtLogin',
  'runOnLaunch',
  'notifyJobResults',
  'notifyFailedJobs',
  'historyDays',
  'historyMaxJobs',
  'metricsEnabled',
  'metricsPort',
  'oauthClientId',
]

/** Each field's name as its label shows it, so a message can say where to look. */
export const FIELD_LABELS: Record<FormField, string> = {
  labels: 'Labels',
  runnerGroup: 'Runner group',
  image: 'Runner image',
  cpus: 'CPU limit',
  memoryMb: 'Memory limit',
  resourceLimits: 'Bound every runner',
  allowPublic: 'Public repositories allowed',
  networkMode: 'Docker network',
  dockerAccess: 'Docker access',
  caches: 'Caches',
  cacheLimitGb: 'Cache size cap',
  startAtLogin: 'Start at login',
  runOnLaunch: 'Start the pool when RunnerDock starts',
  notifyJobResults: 'Notify me of job results',
  notifyFailedJobs: 'Notify me when a job fails',
  historyDays: 'Keep jobs for (days)',
  historyMaxJobs: 'Keep at most (jobs)',
  metricsEnabled: 'Prometheus metrics',
  metricsPort: 'Metrics port',
  oauthClientId: 'OAuth app client id',
}

// What to do, in the user's words; the schema's own wording ("Too small: expected number...") is not.
const HINTS: Record<FormField, string> = {
  labels:
    'Separate labels with commas. A label has no spaces and at most 100 characters; up to 50 labels.',
  runnerGroup: 'Enter a runner group name, or leave it empty for the default group.',
  image: 'Enter an image name, like ghcr.io/actions/actions-runner:latest.',
  cpus: 'Enter a number of CPUs greater than 0 (like 2 or 1.5), or leave it empty for the default.',
  memoryMb: 'Enter whole megabytes, at least 64, or leave it empty for the default.',
  resourceLimits: 'Choose on or off.',
  allowPublic:
    'Separate targets with commas: OWNER/REPO for a repository or ORG for an organization.',
  networkMode: "Enter a Docker network name, or leave it empty for RunnerDock's own.",
  dockerAccess: 'Choose on or off.',
  caches: 'Choose on or off.',
  cacheLimitGb: 'Enter whole gigabytes, from 1 to 10000.',
  startAtLogin: 'Choose on or off.',
  runOnLaunch: 'Choose on or off.',
  notifyJobResults: 'Choose on or off.',
  notifyFailedJobs: 'Choose on or off.',
  historyDays: 'Enter whole days, from 1 to 3650.',
  historyMaxJobs: 'Enter a whole number of jobs, from 100 to 1,000,000.',
  metricsEnabled: 'Choose on or off.',
  metricsPort: 'Enter a port from 1024 to 65535.',
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
    allowPublic: s.allowPublic.join(', '),
    resourceLimits: s.resourceLimits,
    networkMode: s.networkMode ?? '',
    dockerAccess: s.dockerAccess,
    caches: s.caches,
    cacheLimitGb: String(s.cacheLimitGb),
    startAtLogin: s.startAtLogin,
    runOnLaunch: s.runOnLaunch,
    notifyJobResults: s.notifyJobResults,
    notifyFailedJobs: s.notifyFailedJobs,
    historyDays: String(s.historyDays),
    historyMaxJobs: String(s.historyMaxJobs),
    metricsEnabled: s.metricsEnabled,
    metricsPort: String(s.metricsPort),
    oauthClientId: s.oauthClientId ?? '',
  }
}

/** The first field (in form order) with a problem: it gets the focus after a failed save. */
export function firstInvalidField(errors: FieldErrors): FormField | null {
  return FORM_FIELDS.find((f) => errors[f] !== undefined) ?? null
}

/** What a failed save says at the top: where to look, not just "fix the fields". */
export function invalidFieldsMessage(errors: FieldErrors): string {
  const fields = FORM_FIELDS.filter((f) => errors[f] !== undefined)
  const [first] = fields
  if (!first) return ''
  const names = fields.map((f) => FIELD_LABELS[f])
  return fields.length === 1
    ? `Not saved: fix ${names[0]}. ${errors[first]}`
    : `Not saved: fix ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}.`
}

/** The status after a save: a running pool restarts for settings that shape its runners. */
export function savedMessage(patch: SettingsPatch, running: boolean): string {
  const restarts = RESTART_FIELDS.some((f) => f in patch)
  return running && restarts
    ? 'Saved. Restarting with the new settings once running jobs finish.'
    : 'Saved.'
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
    allowPublic: parseLabels(form.allowPublic),
    resourceLimits: form.resourceLimits,
    networkMode: orNull(form.networkMode),
    dockerAccess: form.dockerAccess,
    caches: form.caches,
    cacheLimitGb: numberOrNull(form.cacheLimitGb),
    startAtLogin: form.startAtLogin,
    runOnLaunch: form.runOnLaunch,
    notifyJobResults: form.notifyJobResults,
    notifyFailedJobs: form.notifyFailedJobs,
    historyDays: numberOrNull(form.historyDays) ?? Number.NaN,
    historyMaxJobs: numberOrNull(form.historyMaxJobs) ?? Number.NaN,
    metricsEnabled: form.metricsEnabled,
    metricsPort: numberOrNull(form.metricsPort) ?? Number.NaN,
    oauthClientId: orNull(form.oauthClientId),
  }
  // Validate every field (NaN serialises like null, so a diff alone could hide a typo), then diff.
  const parsed = settingsPatchSchema.safeParse(candidate)
  const errors: FieldErrors = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FormField | undefined
      if (field !== undefined && field in HINTS && !errors[field]) errors[field] = HINTS[field]
    }
  }
  const image = imageReferenceProblem(form.image)
  if (image && form.image.trim() !== current.image) errors.image = image
  if (Object.keys(errors).length > 0) return { ok: false, errors }
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

import {
  SETTINGS_FIELD_NAMES,
  settingsSchema,
  type Settings,
  type SettingsFieldName,
} from '../../common/settings'
import { parseApiUrl } from '../../common/target'
import type { LoadedSettings } from './settings/settings-store'

/** The settings field a schema issue is about, so a refusal can point the user at it. */
export function fieldOfIssue(
  issue: { readonly path: readonly PropertyKey[] } | undefined,
): SettingsFieldName | null {
  const head = issue?.path[0]
  return typeof head === 'string' && (SETTINGS_FIELD_NAMES as readonly string[]).includes(head)
    ? (head as SettingsFieldName)
    : null
}

/** A settings patch checked against the schema: the whole next settings, and what it changes. */
export type SettingsChange =
  | { readonly ok: false; readonly message: string; readonly field?: SettingsFieldName }
  | {
      readonly ok: true
      readonly next: LoadedSettings
      readonly changed: (field: keyof Settings) => boolean
    }

/**
 * Applies a patch to the current settings as the schema sees it: refused with the field to fix,
 * or the next settings (the installation id kept) and a test of what changed. Pure.
 */
export function applySettingsPatch(
  current: LoadedSettings,
  patch: Partial<Settings>,
): SettingsChange {
  const merged = settingsSchema.safeParse({ ...current, ...patch })
  if (!merged.success) {
    const issue = merged.error.issues[0]
    const field = fieldOfIssue(issue)
    return { ok: false, message: issue?.message ?? 'Invalid settings.', ...(field && { field }) }
  }
  if (patch.apiUrl !== undefined && !parseApiUrl(patch.apiUrl).ok)
    return { ok: false, message: 'The API URL is not valid.', field: 'apiUrl' }
  const next = { ...merged.data, installationId: current.installationId }
  return {
    ok: true,
    next,
    changed: (f) => JSON.stringify(current[f]) !== JSON.stringify(next[f]),
  }
}

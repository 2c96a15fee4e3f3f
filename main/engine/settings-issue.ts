import type { SettingsFieldName } from '../../common/settings'
import { SETTINGS_FIELD_NAMES } from '../../common/settings'

/** The settings field a schema issue is about, so a refusal can point the user at it. */
export function fieldOfIssue(
  issue: { readonly path: readonly PropertyKey[] } | undefined,
): SettingsFieldName | null {
  const head = issue?.path[0]
  return typeof head === 'string' && (SETTINGS_FIELD_NAMES as readonly string[]).includes(head)
    ? (head as SettingsFieldName)
    : null
}

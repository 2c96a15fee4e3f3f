import { settingsFieldSchemas, type Settings } from '../../common/settings'

/** The pool card's number fields, each a setting the engine applies live. */
export type PoolField = 'minIdle' | 'maxRunners' | 'idleTimeoutMinutes'

const HINTS: Record<PoolField, string> = {
  minIdle: 'Enter a whole number from 0 to 64.',
  maxRunners: 'Enter a whole number from 1 to 64, or leave it empty for automatic.',
  idleTimeoutMinutes: 'Enter whole minutes from 1 to 1440.',
}

/** A pool field's text as typed: the saved value, or the empty text "automatic" stands for. */
export function poolFieldText(settings: Pick<Settings, PoolField>, field: PoolField): string {
  const value = settings[field]
  return value === null ? '' : String(value)
}

/**
 * Reads what the user typed into a pool field, checked with the contract's schema; empty means
 * automatic for the maximum (null) and is a mistake for the others.
 */
export function parsePoolField(
  field: PoolField,
  text: string,
): { ok: true; value: number | null } | { ok: false; message: string } {
  const trimmed = text.trim()
  if (trimmed === '' && field === 'maxRunners') return { ok: true, value: null }
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
  const parsed = settingsFieldSchemas[field].safeParse(value)
  return parsed.success ? { ok: true, value } : { ok: false, message: HINTS[field] }
}

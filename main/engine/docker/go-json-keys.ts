// The daemon (Docker's and Podman's, both Go) decodes request bodies with encoding/json, which
// matches object keys to struct fields without regard to case, the last match winning. A check
// that reads `HostConfig.Privileged` must therefore read `hostconfig.privileged` too. Pure.

/** A JSON object as the policy sees it. */
export type JsonObject = Record<string, unknown>

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Returns a copy of `object` whose keys matching one of `fields` (case-insensitively) are renamed
 * to that field's spelling, the last one in key order winning as in Go; other keys are kept.
 */
export function canonicalKeys(object: JsonObject, fields: readonly string[]): JsonObject {
  const byLower = new Map(fields.map((f) => [f.toLowerCase(), f]))
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(object)) {
    const field = byLower.get(key.toLowerCase())
    if (field === undefined) out[key] = value
    else {
      delete out[field]
      out[field] = value
    }
  }
  return out
}

import { isMethodName, methods, parseCall, type EngineApi } from './contract'

/** A call's outcome as a host sends it back: a value, or a message for the caller. */
export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: string }

/**
 * Runs one untrusted call against the engine: the method must be in the contract, its input must
 * match the schema, and the output is checked against the schema too (a host must never send
 * what the contract does not describe). Shared by the Electron IPC host and the WebSocket host.
 */
export async function dispatch(
  api: EngineApi,
  method: unknown,
  input: unknown,
): Promise<DispatchResult> {
  if (!isMethodName(method))
    return { ok: false, error: `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}.` }
  const parsed = parseCall(method, input)
  if (!parsed.ok) return { ok: false, error: parsed.message }
  const handler = api[method] as (input: unknown) => Promise<unknown>
  let value: unknown
  try {
    value = await handler(parsed.input)
  } catch (error) {
    // A throw here is a bug in the engine, not something the caller did: report it plainly.
    return {
      ok: false,
      error: `RunnerDock hit an internal error in ${method}: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
  const checked = methods[method].output.safeParse(value)
  if (!checked.success)
    return {
      ok: false,
      error: `RunnerDock produced an invalid answer for ${method}: ${checked.error.issues[0]?.message ?? 'malformed'}`,
    }
  return { ok: true, value: checked.data }
}

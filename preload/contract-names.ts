import type { EventName, MethodName } from '../common/contract'

/**
 * The contract's method and event names and channel prefix, without its schemas. A sandboxed
 * preload can `require` only 'electron', and `common/contract.ts` builds zod schemas at load time,
 * so the preload keeps just the names here. The types below fail the build if a list misses or
 * adds a name, and main/electron/preload-names.test.ts checks them and `channel` against the
 * contract at run time; the main process still validates every payload with the schemas.
 */

/** Every contract method, as `methods` in common/contract.ts. */
export const METHOD_NAMES = [
  'getState',
  'start',
  'stop',
  'setDesired',
  'retry',
  'updateSettings',
  'saveToken',
  'removeToken',
  'checkToken',
  'startDeviceFlow',
  'cancelDeviceFlow',
  'suggestTargets',
  'discoverTargets',
  'listJobs',
  'exportArc',
  'saveArcExport',
  'checkHealth',
  'readLogs',
  'listCaches',
  'clearCaches',
  'openExternal',
  'openLogs',
] as const satisfies readonly MethodName[]

/** Every contract event, as `events` in common/contract.ts. */
export const EVENT_NAMES = [
  'snapshot',
  'logs',
  'token',
  'settings',
  'deviceFlow',
  'notice',
  'job',
] as const satisfies readonly EventName[]

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
// Compile-time proof that the lists name every method and event (satisfies above rules out extras).
const methodsComplete: Same<(typeof METHOD_NAMES)[number], MethodName> = true
const eventsComplete: Same<(typeof EVENT_NAMES)[number], EventName> = true
void methodsComplete
void eventsComplete

const methodSet: ReadonlySet<string> = new Set(METHOD_NAMES)
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES)

/** Whether an untrusted value names a contract method. */
export function isContractMethod(name: unknown): name is MethodName {
  return typeof name === 'string' && methodSet.has(name)
}

/** Whether an untrusted value names a contract event. */
export function isContractEvent(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name)
}

/** The IPC channel of a method or event: `channelOf` in common/contract.ts. */
export function channel(name: MethodName | EventName): string {
  return `runnerdock:${name}`
}

// The admin API of an emulator in another process (`npm run emulator`), over `/_emulator/...`:
// the same operations as the in-process `Emulator`, each returning a promise.
import type { EmulatorAdmin } from './admin'

/** `EmulatorAdmin` with every method asynchronous. */
export type EmulatorClient = {
  readonly [K in keyof EmulatorAdmin]: (
    ...args: Parameters<EmulatorAdmin[K]>
  ) => Promise<Awaited<ReturnType<EmulatorAdmin[K]>>>
} & { readonly url: string }

/** An admin client for the emulator at `url` (its REST base URL). */
export function connectEmulator(url: string): EmulatorClient {
  const base = url.replace(/\/+$/, '')
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}/_emulator${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const json = (await response.json()) as T & { message?: string }
    if (!response.ok)
      throw new Error(`Emulator ${method} ${path}: ${response.status} ${json.message}`)
    return json
  }
  const none = async (promise: Promise<unknown>): Promise<void> => void (await promise)
  return {
    url: base,
    setLatency: (ms) => none(call('POST', '/latency', { ms })),
    failNext: (count, status, pathPrefix) =>
      none(call('POST', '/fail-next', { count, status, pathPrefix })),
    primaryRateLimit: (options) => none(call('POST', '/primary-rate-limit', options)),
    secondaryRateLimit: (options) => none(call('POST', '/secondary-rate-limit', options)),
    revokeToken: (token) => none(call('POST', '/tokens/revoke', { token })),
    setTokens: (tokens, options) => none(call('POST', '/tokens', { tokens, ...options })),
    setAccount: (spec) => none(call('POST', '/account', spec)),
    setRepo: (spec) => call('POST', '/repos', spec),
    addRunnerGroup: async (org, name, options) =>
      (await call<{ id: number }>('POST', '/runner-groups', { org, name, ...options })).id,
    setRunnerStartupDelay: (delayMs) => none(call('POST', '/runner-startup', { delayMs })),
    setDeviceFlow: (settings) => none(call('POST', '/device-flow', settings)),
    approveDevice: async (userCode, token) =>
      (await call<{ token: string }>('POST', '/devices/approve', { userCode, token })).token,
    setRunnerOutage: (on) => none(call('POST', '/runner-outage', { on })),
    queueJob: async (target, job) =>
      (await call<{ id: number }>('POST', '/jobs', { target, ...job })).id,
    approveJob: (id) => none(call('POST', `/jobs/${id}/approve`)),
    job: async (id) => {
      const response = await fetch(`${base}/_emulator/jobs/${id}`)
      if (response.status === 404) return undefined
      return (await response.json()) as Awaited<ReturnType<EmulatorAdmin['job']>>
    },
    jobs: () => call('GET', '/jobs'),
    runners: () => call('GET', '/runners'),
    stats: () => call('GET', '/stats'),
    resetStats: () => none(call('POST', '/stats/reset')),
    reset: () => none(call('POST', '/reset')),
  }
}

import type { CliIo } from './cli-io'

/**
 * Test and bench knobs for the pool, read from the environment (not user-facing flags):
 * RUNNERDOCK_ONLINE_TIMEOUT_MS and RUNNERDOCK_LIST_INTERVAL_MS. Shared by `up` and `serve`.
 */
export function poolTuningFromEnv(env: CliIo['env']): {
  onlineTimeoutMs?: number
  listIntervalMs?: number
} {
  const n = (v: string | undefined) =>
    v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : undefined
  const onlineTimeoutMs = n(env.RUNNERDOCK_ONLINE_TIMEOUT_MS)
  const listIntervalMs = n(env.RUNNERDOCK_LIST_INTERVAL_MS)
  return {
    ...(onlineTimeoutMs ? { onlineTimeoutMs } : {}),
    ...(listIntervalMs ? { listIntervalMs } : {}),
  }
}

import type { PoolTiming } from '../engine/pool/pool-config'

const KNOBS: Record<string, keyof PoolTiming> = {
  RUNNERDOCK_ONLINE_TIMEOUT_MS: 'onlineTimeoutMs',
  RUNNERDOCK_LIST_INTERVAL_MS: 'listIntervalMs',
  RUNNERDOCK_STOP_GITHUB_MS: 'stopGitHubMs',
  RUNNERDOCK_DEMAND_QUIET_MS: 'demandQuietMs',
}

/**
 * Test and bench knobs for the pool, read from the environment (not user-facing flags):
 * RUNNERDOCK_ONLINE_TIMEOUT_MS, RUNNERDOCK_LIST_INTERVAL_MS, RUNNERDOCK_STOP_GITHUB_MS and
 * RUNNERDOCK_DEMAND_QUIET_MS (how often a quiet repository's job queue is read).
 */
export function poolTuningFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Partial<PoolTiming> {
  const tuning: Partial<Record<keyof PoolTiming, number>> = {}
  for (const [name, key] of Object.entries(KNOBS)) {
    const value = Number(env[name])
    if (env[name] && Number.isFinite(value) && value > 0) tuning[key] = value
  }
  return tuning
}

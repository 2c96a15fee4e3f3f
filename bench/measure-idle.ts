// What an idle pool costs: GitHub API requests (counted by the emulator) and the engine's CPU and
// memory (this process: the emulator runs in its own).
import type { EmulatorClient } from '../e2e/emulator/admin-client'
import { idleCount, type EngineRig } from './engine-rig'
import { liveHeapMb } from './heap'
import { drain } from './measure-pool'
import { sleep } from './stats'

/** The engine's default interval between runner listings (`listIntervalMs`, pool-types.ts). */
export const LIST_INTERVAL_SECONDS = 120

/** The emulator's route key for the listing an idle pool makes. */
const LIST_ROUTE = 'GET /repos/{owner}/{repo}/actions/runners'

/** Idle figures over one window, with the raw counts they were extrapolated from. */
export interface IdleCost {
  readonly requests: number
  readonly notModified: number
  readonly byRoute: Readonly<Record<string, number>>
  readonly seconds: number
  /** Whether the window began just after a listing, so its listings saw an unchanged pool. */
  readonly steadyState: boolean
  readonly requestsPerHour: number
  readonly notModifiedPerHour: number
  readonly cpuPercent: number
  readonly rssMb: number
  readonly heapMb: number
}

/**
 * Idle figures with `size` idle runners over `seconds`, extrapolated to an hour. When the window
 * is at least one list interval, it starts 2 s after the engine's first listing of the idle pool:
 * that listing (a 200: the pool changed since the last one) is the cost of the change, and the
 * window sees the steady state (one conditional listing per interval). For a window of k whole
 * intervals the count is then exact, not subject to where the window falls.
 */
export async function idleCost(
  rig: EngineRig,
  emulator: EmulatorClient,
  size: number,
  seconds: number,
): Promise<IdleCost> {
  await drain(rig)
  await rig.engine.setDesired({ count: size })
  await rig.until((s) => idleCount(s) === size, `${size} idle runners`)
  await sleep(2000) // let start-up work settle
  let steadyState = false
  if (seconds >= LIST_INTERVAL_SECONDS) {
    await emulator.resetStats()
    const deadline = Date.now() + (LIST_INTERVAL_SECONDS + 15) * 1000
    while (Date.now() < deadline && !steadyState) {
      await sleep(500)
      steadyState = ((await emulator.stats()).byRoute[LIST_ROUTE] ?? 0) > 0
    }
    await sleep(2000)
  }
  await emulator.resetStats()
  const cpu = process.cpuUsage()
  const started = performance.now()
  await sleep(seconds * 1000)
  const used = process.cpuUsage(cpu)
  const wallMs = performance.now() - started
  const rssMb = process.memoryUsage().rss / 2 ** 20
  const stats = await emulator.stats()
  const perHour = 3_600_000 / wallMs
  return {
    requests: stats.requests,
    notModified: stats.notModified,
    byRoute: stats.byRoute,
    seconds: wallMs / 1000,
    steadyState,
    requestsPerHour: stats.requests * perHour,
    notModifiedPerHour: stats.notModified * perHour,
    cpuPercent: ((used.user + used.system) / 1000 / wallMs) * 100,
    rssMb,
    heapMb: liveHeapMb(),
  }
}

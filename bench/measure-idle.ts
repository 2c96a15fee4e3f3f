// What an idle pool costs: GitHub API requests (counted by the emulator) and the engine's CPU and memory.
import type { EmulatorClient } from '../e2e/emulator/admin-client'
import { idleCount, type EngineRig } from './engine-rig'
import { drain } from './measure-pool'
import { sleep } from './stats'

/** Idle figures with `size` idle runners over `seconds`, extrapolated to an hour. */
export async function idleCost(
  rig: EngineRig,
  emulator: EmulatorClient,
  size: number,
  seconds: number,
): Promise<{
  requestsPerHour: number
  notModifiedPerHour: number
  cpuPercent: number
  rssMb: number
}> {
  await drain(rig)
  await rig.engine.setDesired({ count: size })
  await rig.until((s) => idleCount(s) === size, `${size} idle runners`)
  await sleep(2000) // let start-up work settle
  await emulator.resetStats()
  const cpu = process.cpuUsage()
  const started = performance.now()
  await sleep(seconds * 1000)
  const used = process.cpuUsage(cpu)
  const wallMs = performance.now() - started
  const stats = await emulator.stats()
  const perHour = 3_600_000 / wallMs
  return {
    requestsPerHour: stats.requests * perHour,
    notModifiedPerHour: stats.notModified * perHour,
    cpuPercent: ((used.user + used.system) / 1000 / wallMs) * 100,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  }
}

// `npm run bench`'s demand section: the same workload against Fixed 2 and Fixed 4 per repository
// (the baselines, measured in the same run) and On demand (minimum 1, maximum 12).
import type { EmulatorClient } from '../e2e/emulator/admin-client'
import { DEFAULT_TIMING } from '../main/engine/pool/pool-config'
import { SCENARIOS, type DemandResult } from './demand-report'
import { demandWorkload, FULL_SCALE } from './demand-workload'
import { measureScenario, type DemandScenario } from './measure-demand'

/** The stand-in runner's start-up delay (the real listener's .NET start and session). */
export const STARTUP_DELAY_MS = 5_000

const REPOSITORIES = 3

/** Runs the three scenarios one after the other, each on a freshly reset emulator. */
export async function measureDemand(options: {
  apiUrl: string
  admin: EmulatorClient
  image: string
  latencyMs: number
  scale: number
  adopt: (installationId: string) => void
  say: (line: string) => void
}): Promise<DemandResult> {
  const { scale } = options
  const idleTimeoutMs = FULL_SCALE.idleTimeoutMs / scale
  const scenarios: DemandScenario[] = [
    { name: SCENARIOS.fixed2, mode: { kind: 'fixed', perTarget: 2 }, max: 2 * REPOSITORIES },
    { name: SCENARIOS.fixed4, mode: { kind: 'fixed', perTarget: 4 }, max: 4 * REPOSITORIES },
    { name: SCENARIOS.onDemand, mode: { kind: 'on-demand', minIdle: 1, idleTimeoutMs }, max: 12 },
  ]
  const jobs = demandWorkload(REPOSITORIES, scale)
  const results = []
  for (const [n, scenario] of scenarios.entries()) {
    await options.admin.reset()
    // A reset turns every switch off: latency and start-up delay are set again.
    await options.admin.setLatency(options.latencyMs)
    await options.admin.setRunnerStartupDelay(STARTUP_DELAY_MS)
    const repos = ['api', 'web', 'docs'].map((name) => ({
      kind: 'repo' as const,
      owner: 'bench',
      repo: `${name}-${n + 1}-${process.pid}`,
    }))
    options.say(`demand: ${scenario.name}`)
    results.push(
      await measureScenario(
        {
          apiUrl: options.apiUrl,
          admin: options.admin,
          image: options.image,
          repos,
          jobs,
          quietMs: FULL_SCALE.quietMs / scale,
          scale,
          adopt: options.adopt,
          say: options.say,
        },
        scenario,
      ),
    )
  }
  return {
    scale,
    startupDelayMs: STARTUP_DELAY_MS,
    apiLatencyMs: options.latencyMs,
    repositories: REPOSITORIES,
    burstJobs: FULL_SCALE.burstJobs,
    trickleJobs: FULL_SCALE.trickleJobs,
    jobSeconds: FULL_SCALE.jobMs / scale / 1000,
    quietSeconds: FULL_SCALE.quietMs / scale / 1000,
    idleTimeoutMs,
    activePollMs: DEFAULT_TIMING.demandActiveMs,
    scenarios: results,
  }
}

// One scenario of the demand section: a pool (the engine's own Pool, real Docker, the Octokit
// adapter, the emulator in its own process) serving three repositories meets the workload, then a
// quiet window; pickup latency, idle runner-time and non-304 requests are read for each.
import type { EmulatorClient } from '../e2e/emulator/admin-client'
import { createTestPool, idle, removeAll } from '../e2e/integration/pool-harness'
import { recordPool } from '../e2e/integration/pool-recorder'
import type { ScalingMode } from '../common/pool-plan'
import type { Target } from '../common/target'
import { DEFAULT_TIMING } from '../main/engine/pool/pool-config'
import type { DemandScenarioResult, DemandWindow } from './demand-report'
import type { DemandJob } from './demand-workload'
import { IdleMeter } from './idle-meter'
import { percentile, sleep } from './stats'

/** What every scenario shares. */
export interface DemandRig {
  readonly apiUrl: string
  readonly admin: EmulatorClient
  readonly image: string
  readonly repos: readonly (Target & { kind: 'repo' })[]
  readonly jobs: readonly DemandJob[]
  readonly quietMs: number
  /** The workload runs this many times faster than full length. */
  readonly scale: number
  /** Called with a pool's installation id before it makes anything (cleanup by label). */
  readonly adopt: (installationId: string) => void
  readonly say: (line: string) => void
}

/** A scenario: its name and how the pool is sized. */
export interface DemandScenario {
  readonly name: string
  readonly mode: ScalingMode
  readonly max: number
}

/** The runners a scenario starts from: fixed N per repository, or the warm minimum. */
function startingIdle(scenario: DemandScenario, repos: number): number {
  return scenario.mode.kind === 'fixed'
    ? scenario.mode.perTarget * repos
    : scenario.mode.minIdle * repos
}

/** Runs one scenario to its end and removes everything it made. */
export async function measureScenario(
  rig: DemandRig,
  scenario: DemandScenario,
): Promise<DemandScenarioResult> {
  const { admin, repos } = rig
  // The pool's own timing, as users get it (the test harness shortens some of these).
  const t = await createTestPool({
    apiUrl: rig.apiUrl,
    image: rig.image,
    config: {
      onlineTimeoutMs: DEFAULT_TIMING.onlineTimeoutMs,
      listIntervalMs: DEFAULT_TIMING.listIntervalMs,
      deleteRetryMs: DEFAULT_TIMING.deleteRetryMs,
      stopGitHubMs: DEFAULT_TIMING.stopGitHubMs,
    },
  })
  rig.adopt(t.installationId)
  const record = recordPool(t.pool)
  const meter = new IdleMeter(t.pool)
  try {
    await t.startGoal({
      targets: repos.map((target) => ({ target, source: { kind: 'chosen' } })),
      mode: scenario.mode,
      max: scenario.max,
      allowPublic: [],
    })
    const ready = startingIdle(scenario, repos.length)
    await t.until((s) => idle(s).length === ready, 180_000, `${ready} idle runners`)
    await sleep(2000) // the fill's own requests settle
    rig.say(`${scenario.name}: ${ready} idle runners; the workload begins`)

    const work = await measureWindow(rig, meter, async () => {
      const ids = await queueWorkload(rig)
      await untilDone(admin, [...ids.values()])
      return ids
    })
    rig.say(`${scenario.name}: every job done; ${rig.quietMs / 1000} s with nothing queued`)
    const quiet = await measureWindow(rig, meter, () => sleep(rig.quietMs))

    const all = await admin.jobs()
    const pickups = (phase?: DemandJob['phase']) =>
      [...work.result]
        .filter(([job]) => phase === undefined || job.phase === phase)
        .map(([, id]) => all.find((j) => j.id === id)!)
        .map((j) => Date.parse(j.startedAt!) - Date.parse(j.createdAt))
    const every = pickups()
    return {
      name: scenario.name,
      kind: scenario.mode.kind,
      pickup: {
        p50Ms: percentile(every, 50),
        p95Ms: percentile(every, 95),
        maxMs: Math.max(...every),
        burstP95Ms: percentile(pickups('burst'), 95),
        trickleP95Ms: percentile(pickups('trickle'), 95),
        samples: every.length,
      },
      runnersMade: record.made.size,
      work: work.figures,
      quiet: quiet.figures,
    }
  } finally {
    meter.stop()
    record.stop()
    await Promise.race([t.pool.stop('now'), sleep(30_000)])
    t.pool.dispose()
    await removeAll(t.installationId)
  }
}

/** Idle runner-time and requests over what `during` does. */
async function measureWindow<T>(
  rig: DemandRig,
  meter: IdleMeter,
  during: () => Promise<T>,
): Promise<{ result: T; figures: DemandWindow }> {
  await rig.admin.resetStats()
  meter.reset()
  const started = performance.now()
  const result = await during()
  const ms = performance.now() - started
  const idleRunnerMs = meter.runnerMs()
  const stats = await rig.admin.stats()
  const non304 = stats.requests - stats.notModified
  return {
    result,
    figures: {
      seconds: ms / 1000,
      idleRunnerMinutes: idleRunnerMs / 60_000,
      requests: stats.requests,
      notModified: stats.notModified,
      non304PerHourPerRepo: (non304 / rig.repos.length) * (3_600_000 / (ms * rig.scale)),
      byRoute: stats.byRoute,
    },
  }
}

/** Queues every job at its time; resolves with each job's emulator id. */
async function queueWorkload(rig: DemandRig): Promise<Map<DemandJob, number>> {
  const ids = new Map<DemandJob, number>()
  const began = performance.now()
  for (const job of rig.jobs) {
    const wait = job.atMs - (performance.now() - began)
    if (wait > 0) await sleep(wait)
    const repo = rig.repos[job.repo]!
    const id = await rig.admin.queueJob(
      { owner: repo.owner, repo: repo.repo },
      {
        name: job.name,
        labels: ['self-hosted', 'linux', 'x64'],
        script: `echo ${job.phase}; sleep ${job.seconds.toFixed(2)}`,
      },
    )
    ids.set(job, id)
  }
  return ids
}

async function untilDone(admin: EmulatorClient, ids: readonly number[]): Promise<void> {
  const deadline = Date.now() + 15 * 60_000
  for (;;) {
    const all = await admin.jobs()
    if (ids.every((id) => all.find((j) => j.id === id)?.status === 'completed')) return
    if (Date.now() > deadline) throw new Error('The demand workload did not finish in 15 minutes.')
    await sleep(250)
  }
}

// `runnerdock up` (the built CLI, a real keyring, real Docker, the emulator) SIGKILLed again and
// again at chosen moments, each time restarted: every restart must fill the pool again and clean
// whatever the kill left, and a final Ctrl-C must leave nothing in Docker or on GitHub.
import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { PENDING_FILE_NAME } from '../../main/engine/cleanup/pending-registrations-file'
import {
  describeMachine,
  RESULTS_FORMAT,
  writeSuiteResults,
} from '../../scripts/reliability-results'
import { startEmulator, type Emulator } from '../emulator'
import { buildRunnerImage } from '../runner-image/build'
import {
  ensureCliBuilt,
  killAllCli,
  runnerdock,
  runnerdockToEnd,
  type CliProcess,
} from '../support/cli-process'
import { startKeyring, type Keyring } from '../support/keyring'
import { maximum, percentile } from './chaos-stats'
import {
  describeView,
  isEmpty,
  isWhole,
  viewInstallation,
  type InstallationView,
} from './installation-view'
import {
  KILL_MOMENTS,
  MOMENT_TEXT,
  needsFreshStart,
  planKills,
  type KillMoment,
} from './kill-moments'
import { saysFull } from './cli-pool-line'
import { pollUntil } from './poll'
import { reachMoment } from './reach-moment'
import { seededRandom } from './schema-sample'

const ROOT = path.resolve(__dirname, '../..')
const SEED = Number(process.env.CHAOS_SEED ?? 20_250_501)
const CYCLES = Number(process.env.CHAOS_KILL_CYCLES ?? 50)
const SIZE = 3
const OFFLINE_AFTER_MS = 1500
const LIST_INTERVAL_MS = 1000
/** The longest a restart may take to fill the pool again. */
const RESTORE_BOUND_MS = 30_000
/** The longest a Ctrl-C (drain) may take to end `up`. */
const STOP_BOUND_MS = 30_000
const TOKEN = `ghp_${'k'.repeat(36)}`
const TARGET = { owner: 'acme', repo: `chaos-${randomBytes(3).toString('hex')}` }

let keyring: Keyring
let emulator: Emulator
let image: string
let configDir: string
let env: NodeJS.ProcessEnv
let installationId: string | null = null
const docker = new Dockerode()

/** One cycle as the report shows it. */
interface CycleRow {
  readonly cycle: number
  readonly moment: KillMoment
  readonly reached: string
  readonly killAtMs: number
  /** `up` had already ended by itself (a drain that finished) when the kill came. */
  readonly exitedBefore: boolean
  readonly left: InstallationView
  readonly pending: number
  readonly adopted: number
  readonly restoreMs: number
}

beforeAll(async () => {
  await ensureCliBuilt()
  ;[keyring, emulator, image] = await Promise.all([
    startKeyring(),
    startEmulator({ runnerOfflineAfterMs: OFFLINE_AFTER_MS }),
    buildRunnerImage(),
  ])
  configDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-cli-kill-'))
  env = {
    ...keyring.env,
    PATH: process.env.PATH,
    RUNNERDOCK_CONFIG_DIR: configDir,
    RUNNERDOCK_LIST_INTERVAL_MS: String(LIST_INTERVAL_MS),
    RUNNERDOCK_ONLINE_TIMEOUT_MS: '30000',
  }
  const saved = await runnerdockToEnd(
    ['token', 'set', '--api-url', emulator.url],
    env,
    `${TOKEN}\n`,
  )
  expect(saved.code, saved.output).toBe(0)
}, 120_000)

afterAll(async () => {
  killAllCli()
  if (installationId)
    for (const c of (await view()).containers)
      await docker
        .getContainer(c.id)
        .remove({ force: true })
        .catch(() => {})
  await Promise.all([keyring?.stop(), emulator?.close()])
  if (configDir) await fsp.rm(configDir, { recursive: true, force: true })
}, 60_000)

const upArgs = () => [
  'up',
  '--target',
  `${TARGET.owner}/${TARGET.repo}`,
  '--runners',
  String(SIZE),
  '--api-url',
  emulator.url,
  '--image',
  image,
  '--network',
  'host',
]

async function readInstallationId(): Promise<string> {
  const settings = JSON.parse(
    await fsp.readFile(path.join(configDir, 'settings.json'), 'utf8'),
  ) as { installationId: string }
  return settings.installationId
}

function view(): Promise<InstallationView> {
  return viewInstallation(docker, emulator, installationId!)
}

async function pendingEntries(): Promise<number> {
  const text = await fsp.readFile(path.join(configDir, PENDING_FILE_NAME), 'utf8').catch(() => '[]')
  return (JSON.parse(text) as unknown[]).length
}

function spawnUp(): { cli: CliProcess; spawnedAt: number } {
  return { spawnedAt: performance.now(), cli: runnerdock(upArgs(), env) }
}

/** Whether `cli` says its pool is full and Docker and the emulator agree it is whole. */
async function whole(cli: CliProcess): Promise<boolean> {
  return saysFull(cli.output(), SIZE) && isWhole(await view(), SIZE)
}

/** Waits until the pool is whole by `cli`'s own account and in fact; the milliseconds it took. */
async function untilWhole(cli: CliProcess, what: string): Promise<number> {
  return pollUntil(
    () => whole(cli),
    RESTORE_BOUND_MS,
    async () => `${what}: the pool was not whole (${describeView(await view())})\n${cli.output()}`,
  )
}

/** Waits until the pool is whole and every job queued so far has completed. */
async function untilSettled(cli: CliProcess): Promise<void> {
  await pollUntil(
    async () => emulator.jobs().every((j) => j.status === 'completed') && (await whole(cli)),
    RESTORE_BOUND_MS,
    async () => `the pool did not settle (${describeView(await view())})\n${cli.output()}`,
  )
}

/** Ctrl-C once and waits for the drain: the exit code, how long, and what was left. */
async function stopCleanly(cli: CliProcess): Promise<{ code: number | null; ms: number }> {
  await untilSettled(cli)
  const started = performance.now()
  cli.child.kill('SIGINT')
  const code = await Promise.race([
    cli.exit,
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), STOP_BOUND_MS)),
  ])
  if (code === 'hung') throw new Error(`up did not end ${STOP_BOUND_MS} ms after Ctrl-C`)
  return { code, ms: performance.now() - started }
}

it(
  `restores the pool after ${CYCLES} SIGKILLs of runnerdock up and leaves nothing at the end`,
  { timeout: 14 * 60_000 },
  async () => {
    const started = Date.now()
    const plans = planKills(CYCLES, SIZE, seededRandom(SEED))
    const rows: CycleRow[] = []
    const cleanStops: { code: number | null; ms: number; left: InstallationView }[] = []
    let failure: string | null = null
    let pendingNotCleared = 0

    let { cli: current, spawnedAt: currentAt } = spawnUp()
    const firstStart = currentAt
    await pollUntil(
      () =>
        readInstallationId().then(
          () => true,
          () => false,
        ),
      30_000,
      () => `up never wrote its settings:\n${current.output()}`,
    )
    installationId = await readInstallationId()
    await untilWhole(current, 'first start')
    const firstWholeMs = performance.now() - firstStart

    try {
      for (const plan of plans) {
        if (needsFreshStart(plan.moment)) {
          const stop = await stopCleanly(current)
          cleanStops.push({ ...stop, left: await view() })
          ;({ cli: current, spawnedAt: currentAt } = spawnUp())
        } else await untilSettled(current)
        const spawnedAt = currentAt
        const victim = current
        const reached = await reachMoment(plan, {
          cli: victim,
          spawnedAt,
          emulator,
          target: TARGET,
          size: SIZE,
          view,
        })
        const exitedBefore = victim.child.exitCode !== null
        victim.child.kill('SIGKILL')
        await victim.exit
        const killAtMs = performance.now() - spawnedAt
        const left = await view()
        const pending = await pendingEntries()

        ;({ cli: current, spawnedAt: currentAt } = spawnUp())
        const restoreMs = await untilWhole(current, `cycle ${plan.cycle} (${plan.moment})`)
        const after = await view()
        // Recorded registrations must be gone from the file after the next start.
        await pollUntil(
          async () => (await pendingEntries()) === 0,
          10_000,
          () => '',
        ).catch(async () => (pendingNotCleared += await pendingEntries()))
        const kept = new Set(after.containers.map((c) => c.id))
        rows.push({
          cycle: plan.cycle,
          moment: plan.moment,
          reached,
          killAtMs,
          exitedBefore,
          left,
          pending,
          adopted: left.containers.filter((c) => kept.has(c.id)).length,
          restoreMs,
        })
        if (process.env.CHAOS_VERBOSE)
          process.stderr.write(
            `cycle ${plan.cycle} ${plan.moment} (${reached}${exitedBefore ? ', had exited' : ''}) left ${describeView(left)}, pending ${pending}; restored in ${Math.round(restoreMs)} ms\n`,
          )
      }
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error)
    }

    // The end: one Ctrl-C must leave nothing, and nothing of an earlier kill may be left either.
    let finalStop: { code: number | null; ms: number } | null = null
    if (failure === null)
      finalStop = await stopCleanly(current).catch((error: unknown) => {
        failure = error instanceof Error ? error.message : String(error)
        return null
      })
    const end = await view()
    const endPending = await pendingEntries()
    const restores = rows.map((r) => r.restoreMs)
    const leftSomething = rows.filter((r) => !isEmpty(r.left) || r.pending > 0)
    const sum = (pick: (r: CycleRow) => number) => rows.reduce((n, r) => n + pick(r), 0)
    const containersLeft = sum((r) => r.left.containers.length)
    const registrationsLeft = sum((r) => r.left.registrations.length)
    const staleLeft = sum(
      (r) => r.left.registrations.filter((g) => g.status === 'offline' && !g.busy).length,
    )
    const badStops = cleanStops.filter((s) => s.code !== 0 || !isEmpty(s.left))
    const passed =
      failure === null &&
      rows.length === CYCLES &&
      finalStop?.code === 0 &&
      isEmpty(end) &&
      endPending === 0 &&
      pendingNotCleared === 0 &&
      badStops.length === 0

    await writeSuiteResults(ROOT, {
      format: RESULTS_FORMAT,
      suite: 'cli-kill',
      title: 'SIGKILL of `runnerdock up`, again and again',
      order: 40,
      ranAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      command: 'npm run test:chaos -- cli-kill',
      machine: describeMachine(),
      passed,
      summary: `The built CLI (\`runnerdock up --runners ${SIZE} --network host\`, token in gnome-keyring, real Docker, the GitHub emulator) is SIGKILLed ${CYCLES} times at moments drawn from seed ${SEED}: just after it was spawned, while it creates runners, with some online, idle, during a job, during a replacement, during a drain. Right after each kill, what Docker (by the installation label) and the emulator (by the \`rd-<installation>-\` prefix) still hold is recorded; then \`up\` is started again and must make the pool whole within ${RESTORE_BOUND_MS / 1000} s: exactly ${SIZE} running containers, each with its online registration, no other container and no other registration. At the end a Ctrl-C must leave nothing.`,
      figures: [
        {
          label: 'cycles (SIGKILL, then restart)',
          value: rows.length,
          bound: String(CYCLES),
          ok: rows.length === CYCLES,
        },
        {
          label: `restarts that made the pool whole within ${RESTORE_BOUND_MS / 1000} s`,
          value: rows.length,
          bound: `${CYCLES} of ${CYCLES}`,
          ok: rows.length === CYCLES,
        },
        {
          label: 'time to restore: median',
          value: Math.round(percentile(restores, 0.5)),
          unit: 'ms',
        },
        {
          label: 'time to restore: 95th percentile',
          value: Math.round(percentile(restores, 0.95)),
          unit: 'ms',
        },
        { label: 'time to restore: max', value: Math.round(maximum(restores)), unit: 'ms' },
        {
          label: 'first start to a whole pool (no leftovers)',
          value: Math.round(firstWholeMs),
          unit: 'ms',
        },
        { label: 'kills that left something', value: leftSomething.length },
        { label: 'containers found right after the kills (all cycles)', value: containersLeft },
        {
          label: 'registrations found right after the kills (all cycles)',
          value: registrationsLeft,
        },
        { label: 'of which offline and idle (stale unless cleaned)', value: staleLeft },
        {
          label: 'leftover containers serving again after the restart (adopted; the rest removed)',
          value: sum((r) => r.adopted),
        },
        {
          label: 'recorded pending registrations not cleared by the next start',
          value: pendingNotCleared,
          bound: '0',
          ok: pendingNotCleared === 0,
        },
        {
          label: 'clean Ctrl-C stops between cycles: exit 0 with nothing left',
          value: `${cleanStops.length - badStops.length} of ${cleanStops.length}`,
          bound: 'all',
          ok: badStops.length === 0,
        },
        {
          label: 'clean stops: max time to exit',
          value: Math.round(maximum(cleanStops.map((s) => s.ms))),
          unit: 'ms',
        },
        {
          label: 'final Ctrl-C: exit code',
          value: finalStop?.code ?? null,
          bound: '0',
          ok: finalStop?.code === 0,
        },
        {
          label: 'orphan containers at the end',
          value: end.containers.length,
          bound: '0',
          ok: end.containers.length === 0,
        },
        {
          label: 'stale registrations at the end',
          value: end.registrations.length,
          bound: '0',
          ok: end.registrations.length === 0,
        },
        {
          label: 'pending registrations file entries at the end',
          value: endPending,
          bound: '0',
          ok: endPending === 0,
        },
      ],
      tables: [
        {
          title: 'By moment',
          columns: [
            'moment',
            'what',
            'cycles',
            'left something',
            'containers left',
            'registrations left',
            'median restore ms',
            'max restore ms',
          ],
          rows: KILL_MOMENTS.map((moment) => {
            const of = rows.filter((r) => r.moment === moment)
            return [
              moment,
              MOMENT_TEXT[moment],
              of.length,
              of.filter((r) => !isEmpty(r.left) || r.pending > 0).length,
              of.reduce((n, r) => n + r.left.containers.length, 0),
              of.reduce((n, r) => n + r.left.registrations.length, 0),
              Math.round(
                percentile(
                  of.map((r) => r.restoreMs),
                  0.5,
                ),
              ),
              Math.round(maximum(of.map((r) => r.restoreMs))),
            ]
          }),
        },
        {
          title: 'Every cycle',
          columns: [
            'cycle',
            'moment',
            'killed at',
            'ms since spawn',
            'left right after the kill',
            'pending',
            'adopted',
            'restore ms',
          ],
          rows: rows.map((r) => [
            r.cycle,
            r.moment,
            r.exitedBefore ? `${r.reached} (up had already exited)` : r.reached,
            Math.round(r.killAtMs),
            describeView(r.left),
            r.pending,
            r.adopted,
            Math.round(r.restoreMs),
          ]),
        },
      ],
      notes: [
        ...(failure ? [`Stopped early: ${failure.split('\n')[0]}`] : []),
        `Emulator: a runner not heard from for ${OFFLINE_AFTER_MS} ms is offline; \`up\` sweeps GitHub's runner list every ${LIST_INTERVAL_MS} ms (RUNNERDOCK_LIST_INTERVAL_MS). Restore time runs from spawning the new \`up\` (Node start, keychain, recovery included) to the first poll (every 50 ms) that finds the pool whole.`,
        'A moment marked "fresh" starts from an empty pool: the previous `up` is stopped with one Ctrl-C first (those stops are the "clean stops" above, each checked to exit 0 and leave nothing).',
        'Leftovers are expected: containers outlive `up` by design (no restart policy, not tied to the process), and a kill mid-creation leaves registrations without containers. What is judged is that the next start adopts the running containers of its pool and removes or deletes everything else.',
        'A container seen "created" right after a kill mid-creation was usually started a moment later all the same: the daemon finishes a start request the dead process had already sent. The next start then adopts it like any running runner of its pool.',
        `Replay with CHAOS_SEED=${SEED} CHAOS_KILL_CYCLES=${CYCLES} npm run test:chaos -- cli-kill (CHAOS_VERBOSE=1 prints each cycle).`,
      ],
    })
    expect(failure).toBeNull()
    expect(rows).toHaveLength(CYCLES)
    expect(badStops).toEqual([])
    expect(pendingNotCleared).toBe(0)
    expect(finalStop?.code).toBe(0)
    expect(end).toEqual({ containers: [], registrations: [] })
    expect(endPending).toBe(0)
  },
)

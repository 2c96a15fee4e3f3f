// The job history and metrics end to end (issue 11), with the built CLI, the real Docker engine,
// the GitHub API emulator and the stand-in runner image: jobs run through `runnerdock up` are in
// `runnerdock jobs --json` with the emulator's results and times; a SIGKILL of `up` and a restart
// lose none that had finished; `/metrics` of `runnerdock serve` (with its access token) and
// `runnerdock metrics` pass `promtool check metrics` and count exactly the jobs that ran.
// The CLI bundle is built only when missing (ensureCliBuilt): after changing the code, run
// `node scripts/build-cli.mjs` first.
import { spawnSync } from 'node:child_process'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobRecord } from '../../common/job-record'
import { startEmulator, type Emulator } from '../emulator'
import type { JobView } from '../emulator/admin'
import { buildRunnerImage } from '../runner-image/build'
import { LABELS, runnerNamePrefix } from '../../main/engine/pool/runner-labels'
import { ensureCliBuilt, killAllCli, runnerdock, runnerdockToEnd } from '../support/cli-process'
import { startKeyring, type Keyring } from '../support/keyring'

const TOKEN = `ghp_${'h'.repeat(36)}`
const WIDGETS = { owner: 'acme', repo: 'widgets' }
const havePromtool = spawnSync('promtool', ['--version']).status === 0

let keyring: Keyring
let emulator: Emulator
let image: string
let configDir: string
let env: NodeJS.ProcessEnv
const ran: { id: number; expected: 'Succeeded' | 'Failed'; seconds: number }[] = []

async function installationId(): Promise<string> {
  const file = JSON.parse(await fsp.readFile(path.join(configDir, 'settings.json'), 'utf8')) as {
    installationId: string
  }
  return file.installationId
}

const containersOf = async (id: string) =>
  new Dockerode().listContainers({
    all: true,
    filters: { label: [`${LABELS.installation}=${id}`] },
  })
const online = (id: string) =>
  emulator
    .runners()
    .filter((r) => r.registered && r.status === 'online' && r.name.startsWith(runnerNamePrefix(id)))

async function listJobs(): Promise<JobRecord[]> {
  const { code, output } = await runnerdockToEnd(['jobs', '--json'], env)
  expect(code, output).toBe(0)
  return JSON.parse(output) as JobRecord[]
}

/** Queues jobs, one of each kind per entry, and waits until the emulator says each is done. */
async function runJobs(jobs: { name: string; seconds: number; fail: boolean }[]): Promise<void> {
  const ids = jobs.map((j) => {
    const id = emulator.queueJob(WIDGETS, {
      name: j.name,
      labels: ['self-hosted'],
      script: `echo ${j.name}; sleep ${j.seconds}${j.fail ? '; exit 1' : ''}`,
    })
    ran.push({ id, expected: j.fail ? 'Failed' : 'Succeeded', seconds: j.seconds })
    return id
  })
  await expect
    .poll(() => ids.map((id) => emulator.job(id)?.status), { timeout: 90_000, interval: 250 })
    .toEqual(ids.map(() => 'completed'))
}

/** The history's record of an emulator job: by GitHub's job id, or its runner when GitHub was not asked. */
function recordOf(records: readonly JobRecord[], job: JobView): JobRecord | undefined {
  return records.find((r) => r.id === String(job.id) || r.runner === job.runnerName)
}

// Every finished job the emulator ran is in the history once, with its result and plausible times.
function expectHistoryMatches(records: readonly JobRecord[], startedAt: number): void {
  for (const { id, expected, seconds } of ran) {
    const job = emulator.job(id)!
    const record = recordOf(records, job)
    expect(record, `job ${job.name} (${id}) in the history`).toBeDefined()
    expect(records.filter((r) => r === record || r.id === record!.id)).toHaveLength(1)
    expect(record).toMatchObject({ job: job.name, result: expected, runner: job.runnerName })
    expect(record!.repository).toBe('acme/widgets')
    const started = Date.parse(job.startedAt!)
    const completed = Date.parse(job.completedAt!)
    // The runner's clock (its log) and GitHub's agree within the stand-in's reporting delay.
    expect(Math.abs(record!.startedAt! - started)).toBeLessThan(2_000)
    expect(Math.abs(record!.finishedAt! - completed)).toBeLessThan(2_000)
    expect(record!.durationMs!).toBeGreaterThanOrEqual(seconds * 1000 - 1_000)
    expect(record!.durationMs!).toBeLessThan(seconds * 1000 + 5_000)
    expect(record!.recordedAt).toBeGreaterThanOrEqual(startedAt)
    expect(record!.recordedAt).toBeLessThanOrEqual(Date.now())
    if (record!.source === 'github') {
      // GitHub's own times (whole seconds in its REST answers): the wait is queued → started,
      // as the user saw it.
      const queued = Date.parse(job.createdAt)
      expect(record!.id).toBe(String(job.id))
      expect(Math.abs(record!.queuedAt! - queued)).toBeLessThan(1_000)
      expect(record!.pickupLatencyMs).toBe(record!.startedAt! - record!.queuedAt!)
      expect(Math.abs(record!.pickupLatencyMs! - (started - queued))).toBeLessThanOrEqual(1_000)
      expect(record!.runUrl).toMatch(new RegExp(`/acme/widgets/actions/runs/${job.runId}$`))
    } else {
      expect(record!.pickupLatencyMs).toBeNull()
    }
  }
}

/** Sums a metric's samples whose labels include `labels`. */
function metricSum(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const have = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1]!, l[2]!]),
    )
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3])
  }
  return sum
}

function promtool(text: string): { status: number | null; output: string } {
  const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' })
  return { status: check.status, output: `${check.stdout}${check.stderr}` }
}

beforeAll(async () => {
  await ensureCliBuilt()
  ;[keyring, emulator, image] = await Promise.all([
    startKeyring(),
    startEmulator({ runnerOfflineAfterMs: 2000 }),
    buildRunnerImage(),
  ])
  configDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-history-'))
  env = {
    ...keyring.env,
    PATH: process.env.PATH,
    RUNNERDOCK_CONFIG_DIR: configDir,
    RUNNERDOCK_LIST_INTERVAL_MS: '2000',
    RUNNERDOCK_ONLINE_TIMEOUT_MS: '30000',
    RUNNERDOCK_DEMAND_QUIET_MS: '2000',
  }
  const set = await runnerdockToEnd(['token', 'set', '--api-url', emulator.url], env, `${TOKEN}\n`)
  expect(set.code, set.output).toBe(0)
})

afterAll(async () => {
  killAllCli()
  const id = await installationId().catch(() => null)
  if (id)
    for (const c of await containersOf(id))
      await new Dockerode()
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {})
  await Promise.all([keyring?.stop(), emulator?.close()])
  if (configDir) await fsp.rm(configDir, { recursive: true, force: true })
})

describe('job history and metrics (built CLI)', () => {
  const upArgs = () => [
    'up',
    '--target',
    'acme/widgets',
    '--on-demand',
    '--min-idle',
    '1',
    '--max',
    '3',
    '--api-url',
    emulator.url,
    '--image',
    image,
    '--network',
    'host',
  ]
  const testStart = Date.now()

  it('jobs run through `up` are in `runnerdock jobs --json` with their results and times', async () => {
    const up = runnerdock(upArgs(), env)
    await expect
      .poll(async () => online(await installationId().catch(() => 'none')).length, {
        timeout: 45_000,
      })
      .toBeGreaterThan(0)
    // New runners take 3 s to come online, so two of these wait for one: a real pickup latency.
    emulator.setRunnerStartupDelay(3000)
    await runJobs([
      { name: 'compile', seconds: 3, fail: false },
      { name: 'unit tests', seconds: 2, fail: true },
      { name: 'lint', seconds: 1, fail: false },
    ])
    emulator.setRunnerStartupDelay(0)
    await runJobs([
      { name: 'package', seconds: 2, fail: false },
      { name: 'smoke test', seconds: 1, fail: true },
    ])
    // Recorded when the runner is gone: wait for the last one.
    await expect.poll(async () => (await listJobs()).length, { timeout: 30_000 }).toBe(ran.length)
    const records = await listJobs()
    expectHistoryMatches(records, testStart)
    const sources = records.map((r) => r.source)
    console.log(
      `[figure] up: ${records.length} jobs recorded (${sources.filter((s) => s === 'github').length} with GitHub's times); pickup latency ${records.map((r) => r.pickupLatencyMs).join(', ')} ms; durations ${records.map((r) => r.durationMs).join(', ')} ms`,
    )
    expect(Math.max(...records.map((r) => r.pickupLatencyMs ?? 0))).toBeGreaterThanOrEqual(2_000)
    // Newest first.
    const recorded = records.map((r) => r.recordedAt)
    expect([...recorded].sort((a, b) => b - a)).toEqual(recorded)
    up.child.kill('SIGINT')
    expect(await up.exit).toBe(0)
  }, 240_000)

  it('after a SIGKILL of `up` mid-job and a restart, every finished job is still listed', async () => {
    const before = await listJobs()
    const up = runnerdock(upArgs(), env)
    const id = await installationId()
    await expect.poll(() => online(id).length, { timeout: 45_000 }).toBeGreaterThan(0)
    const long = emulator.queueJob(WIDGETS, {
      name: 'killed mid-job',
      labels: ['self-hosted'],
      script: 'echo working; sleep 20',
    })
    await expect.poll(() => emulator.job(long)?.status, { timeout: 30_000 }).toBe('in_progress')
    up.child.kill('SIGKILL')
    await up.exit
    const afterKill = await listJobs()
    expect(afterKill.map((r) => `${r.id}@${r.recordedAt}`)).toEqual(
      before.map((r) => `${r.id}@${r.recordedAt}`),
    )

    const again = runnerdock(upArgs(), env)
    await expect.poll(() => online(id).length, { timeout: 45_000 }).toBeGreaterThan(0)
    await runJobs([{ name: 'after restart', seconds: 1, fail: false }])
    await expect
      .poll(async () => (await listJobs()).some((r) => r.job === 'after restart'), {
        timeout: 30_000,
      })
      .toBe(true)
    const records = await listJobs()
    for (const r of before)
      expect(records.filter((x) => x.id === r.id && x.recordedAt === r.recordedAt)).toHaveLength(1)
    expectHistoryMatches(records, testStart)
    // Ctrl-C drains: the runner adopted at the restart finishes the job `up` was killed during.
    again.child.kill('SIGINT')
    expect(await again.exit).toBe(0)
    expect(await containersOf(id)).toEqual([])
    const final = await listJobs()
    const killed = final.find((r) => r.job === 'killed mid-job')
    const long_ = emulator.job(long)!
    console.log(
      `[figure] after SIGKILL + restart: ${final.length} jobs listed, all ${before.length} from before the kill kept; the job running at the kill: emulator ${long_.status}/${long_.result ?? '-'}, history ${killed ? `${killed.result} after ${killed.durationMs} ms (${killed.source})` : 'not recorded'}`,
    )
    if (long_.status === 'completed') {
      expect(killed, 'the job the adopted runner finished').toBeDefined()
      expect(killed!.result).toBe(long_.result)
    }
  }, 240_000)

  it.skipIf(!havePromtool)(
    '/metrics of `serve` (Bearer access token) passes promtool and counts the jobs it ran',
    async () => {
      // serve runs the saved settings: the same pool, started at launch, fixed at 2.
      const file = path.join(configDir, 'settings.json')
      const saved = JSON.parse(await fsp.readFile(file, 'utf8')) as Record<string, unknown>
      await fsp.writeFile(
        file,
        JSON.stringify({
          ...saved,
          apiUrl: emulator.url,
          targets: [{ kind: 'repo', ...WIDGETS }],
          mode: 'fixed',
          desiredRunners: 2,
          image,
          networkMode: 'host',
          runOnLaunch: true,
        }),
      )
      const serve = runnerdock(['serve', '--port', '0'], env)
      await serve.waitFor(/^http:\/\/\S+token=\S+$/m, 30_000)
      const link = new URL(/^(http:\/\/\S+)$/m.exec(serve.output())![1]!)
      const accessToken = link.searchParams.get('token')!
      const metricsUrl = new URL('/metrics', link.origin)
      const refused = await fetch(metricsUrl)
      expect(refused.status).toBe(401)
      const id = await installationId()
      await expect.poll(() => online(id).length, { timeout: 45_000 }).toBe(2)
      const first = ran.length
      await runJobs([
        { name: 'serve build', seconds: 2, fail: false },
        { name: 'serve test', seconds: 1, fail: true },
        { name: 'serve docs', seconds: 1, fail: false },
      ])
      const served = ran.slice(first)
      await expect
        .poll(async () => (await listJobs()).filter((r) => r.job.startsWith('serve ')).length, {
          timeout: 30_000,
        })
        .toBe(served.length)
      const answer = await fetch(metricsUrl, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
      const text = await answer.text()
      const checked = promtool(text)
      expect(checked, checked.output).toEqual({ status: 0, output: '' })
      const labels = { organization: 'acme', repository: 'widgets' }
      const count = (result: string) =>
        metricSum(text, 'gha_completed_jobs_total', { ...labels, job_result: result })
      // This process's counters: exactly the jobs that ran while it served.
      expect(count('succeeded')).toBe(served.filter((j) => j.expected === 'Succeeded').length)
      expect(count('failed')).toBe(served.filter((j) => j.expected === 'Failed').length)
      expect(metricSum(text, 'gha_job_execution_duration_seconds_count', labels)).toBe(
        served.length,
      )
      expect(metricSum(text, 'runnerdock_runners', { state: 'idle' })).toBeGreaterThan(0)
      console.log(
        `[figure] serve /metrics: ${text.split('\n').length} lines, promtool clean; gha_completed_jobs_total succeeded=${count('succeeded')} failed=${count('failed')}`,
      )
      serve.child.kill('SIGINT')
      expect(await serve.exit).toBe(0)
      expect(await containersOf(id)).toEqual([])
    },
    240_000,
  )

  it.skipIf(!havePromtool)(
    '`runnerdock metrics` passes promtool and counts every job in the history',
    async () => {
      const { code, output } = await runnerdockToEnd(['metrics'], env)
      expect(code, output).toBe(0)
      const checked = promtool(`${output.trimEnd()}\n`)
      expect(checked, checked.output).toEqual({ status: 0, output: '' })
      const records = await listJobs()
      const labels = { organization: 'acme', repository: 'widgets' }
      const finished = (result: string) =>
        records.filter((r) => (r.result ?? 'unknown').toLowerCase() === result).length
      for (const result of ['succeeded', 'failed'])
        expect(
          metricSum(output, 'gha_completed_jobs_total', { ...labels, job_result: result }),
        ).toBe(finished(result))
      expect(metricSum(output, 'gha_completed_jobs_total')).toBe(records.length)
      // Every job this suite ran finished and is counted (the killed one too, if it was recorded).
      expect(records.length).toBeGreaterThanOrEqual(ran.length)
      console.log(
        `[figure] runnerdock metrics: gha_completed_jobs_total ${metricSum(output, 'gha_completed_jobs_total')} = ${records.length} jobs in the history`,
      )
    },
  )
})

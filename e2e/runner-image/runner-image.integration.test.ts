// The stand-in runner image on the real Docker engine against the GitHub API emulator: it starts
// like the official image, turns online, runs one job, prints the official runner's lines (its
// trace among them) and writes the job's step output to page files, exits 0, and behaves as
// docs/github-facts.md says on reused configs, deleted registrations, SIGTERM and no network.
import { promises as fsp } from 'node:fs'
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parseRunnerLogLine } from '../../common/runner-log'
import { parseTraceHeader } from '../../common/runner-trace'
import { parsePageName } from '../../main/engine/logs/page-lines'
import { startEmulator, type Emulator } from '../emulator'
import { buildRunnerImage, RUNNER_IMAGE } from './build'
import { eventually, mintRunner, RunnerContainers, type RunnerContainer } from './runner-container'

const STAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: /
const DELETED =
  'Failed to create a session. The runner registration has been deleted from the server, please re-configure.'
const REPO = { owner: 'octo', repo: 'app' }

const docker = new Dockerode()
let emulator: Emulator
let containers: RunnerContainers

beforeAll(async () => {
  const started = Date.now()
  const image = await buildRunnerImage(docker)
  console.log(`[figure] buildRunnerImage (cached or built): ${Date.now() - started} ms`)
  emulator = await startEmulator({ host: '127.0.0.1', runnerOfflineAfterMs: 2000 })
  containers = new RunnerContainers(docker, image)
})
afterEach(async () => {
  await containers.removeAll()
  emulator.reset()
})
afterAll(async () => {
  await containers?.removeAll()
  await emulator?.close()
})

const runnerView = (id: number) => emulator.runners().find((r) => r.id === id)
/** The terminal line itself: the trace's "WRITE LINE: …" announcing it comes a moment before. */
const listening = (runner: RunnerContainer) =>
  runner.waitForLine(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: Listening for Jobs$/)

/** Milliseconds from the container's start (daemon clock) to the runner's Listening line. */
async function startToListening(
  runner: RunnerContainer,
): Promise<{ daemon: number; wall: number }> {
  const line = await listening(runner)
  // Docker's own timestamp of the line (the raw log carries stream headers; the regex skips them).
  const logs = (await runner.container.logs({ stdout: true, timestamps: true })).toString('utf8')
  const stamped = /(\d{4}-\d\d-\d\dT[\d:.]+Z) \S+ \S+: Listening for Jobs/.exec(logs)
  if (!stamped?.[1]) throw new Error(`No timestamped Listening line in:\n${logs}`)
  const loggedAt = Date.parse(stamped[1])
  const startedAt = Date.parse((await runner.container.inspect()).State.StartedAt)
  return { daemon: loggedAt - startedAt, wall: line.at - runner.startRequestedAt }
}

describe('the image', () => {
  it('mirrors the official layout: user runner (1001), /home/runner, no entrypoint or command', async () => {
    const info = await docker.getImage(RUNNER_IMAGE).inspect()
    expect(info.Config.User).toBe('runner')
    expect(info.Config.WorkingDir).toBe('/home/runner')
    expect(info.Config.Entrypoint ?? null).toBeNull()
    expect(info.Config.Cmd ?? null).toBeNull()
    expect(info.Config.Env).toEqual(
      expect.arrayContaining([
        'RUNNER_MANUALLY_TRAP_SIG=1',
        'ACTIONS_RUNNER_PRINT_LOG_TO_STDOUT=1',
      ]),
    )
    console.log(`[figure] stand-in image size: ${(info.Size / 1e6).toFixed(2)} MB`)
    expect(info.Size).toBeLessThan(5_000_000)
  })
})

describe('one ephemeral job', () => {
  it('goes online, runs a queued job with heartbeats, prints the official lines and exits 0', async () => {
    const minted = await mintRunner(emulator)
    const runner = await containers.start(minted.encoded)
    const timing = await startToListening(runner)
    console.log(
      `[figure] container start -> "Listening for Jobs": ${timing.daemon} ms (daemon clock), ` +
        `${timing.wall} ms from the start request to the line arriving`,
    )
    expect(timing.daemon).toBeLessThan(1000)
    expect(runner.terminal().slice(0, 5)).toEqual([
      '',
      '√ Connected to GitHub',
      '',
      "Current runner version: '2.330.0'",
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: Listening for Jobs$/),
    ])
    expect(runnerView(minted.id)).toMatchObject({
      status: 'online',
      busy: false,
      version: '2.330.0',
    })

    // Longer than runnerOfflineAfterMs: only heartbeats keep the job alive.
    const jobId = emulator.queueJob(REPO, {
      name: 'build (linux)',
      labels: ['self-hosted', 'linux'],
      script: [
        'echo "step output from $RUNNER_NAME"',
        'echo "uid=$(id -u) user=$(id -un) groups=$(id -G) pwd=$(pwd)"',
        'sleep 2.5',
        'echo "step done"',
      ].join('\n'),
    })
    const running = await runner.waitForLine(/^\d{4}.*: Running job: build \(linux\)$/)
    expect(runnerView(minted.id)).toMatchObject({ status: 'online', busy: true, jobId })
    // The step's output goes to its page file as it is printed, not to stdout.
    await runner.waitForStep(/^step output from standin-/)
    const completed = await runner.waitForLine(/^\d{4}.*completed with result: /, 10_000)
    expect(completed.text).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: Job build \(linux\) completed with result: Succeeded$/,
    )
    expect(await runner.exitCode()).toBe(0)

    const terminal = runner.terminal()
    expect(terminal.slice(terminal.indexOf(running.text))).toEqual([
      running.text,
      completed.text,
      '√ Removed .credentials',
      '√ Removed .runner',
      'Runner listener exit with 0 return code, stop the service, no retry needed.',
      'Exiting runner...',
    ])
    expect(runner.text('stdout').join('\n')).not.toMatch(/step output from|step done/)
    expect(runner.text('stderr')).toEqual([])
    const steps = await runner.steps()
    expect(steps).toContain('uid=1001 user=runner groups=1001 27 123 pwd=/home/runner/_work')
    expect(steps.slice(steps.indexOf('step done'))).toEqual([
      'step done',
      'Cleaning up orphan processes',
    ])
    expect(emulator.job(jobId)).toMatchObject({
      status: 'completed',
      result: 'Succeeded',
      conclusion: 'success',
      runnerName: minted.name,
      reason: null,
    })
    expect(runnerView(minted.id)).toMatchObject({
      registered: false,
      sessions: 1,
      zombieSessions: 0,
    })

    // The app's parser understands every status line the image printed.
    const events = runner.lines.map((l) => parseRunnerLogLine(l.text)?.kind).filter(Boolean)
    expect(events).toEqual(['connected', 'version', 'listening', 'job-started', 'job-completed'])
  })

  it('takes the config as --jitconfig too, and reports a failing script as Failed (still exit 0)', async () => {
    const minted = await mintRunner(emulator)
    const runner = await containers.start(minted.encoded, 'argv')
    await listening(runner)
    const jobId = emulator.queueJob(REPO, {
      name: 'lint',
      labels: ['linux'],
      script: 'echo "about to fail"\nexit 3\necho "never printed"',
    })
    const completed = await runner.waitForLine(/^\d{4}.*completed with result: /)
    expect(completed.text).toMatch(/: Job lint completed with result: Failed$/)
    expect(await runner.exitCode()).toBe(0)
    const steps = await runner.steps()
    expect(steps).toContain('about to fail')
    expect(steps).toContain('##[error]Process completed with exit code 3.')
    expect(steps.filter((l) => l === 'echo "never printed"')).toHaveLength(1) // the script, shown
    expect(emulator.job(jobId)).toMatchObject({ result: 'Failed', conclusion: 'failure' })
  })
})

describe('what the official runner prints and writes (ACTIONS_RUNNER_PRINT_LOG_TO_STDOUT=1)', () => {
  it('traces on stdout in the real format, the worker in its _diag file, the job in page files', async () => {
    const minted = await mintRunner(emulator)
    const runner = await containers.start(minted.encoded)
    await listening(runner)
    emulator.queueJob(REPO, { name: 'pages', labels: ['linux'], script: 'echo one\necho two' })
    expect(await runner.exitCode()).toBe(0)

    // Every trace line has the listener's header; each terminal line is announced just before.
    const trace = runner.trace()
    expect(trace.length).toBeGreaterThan(20)
    const headers = trace.map(parseTraceHeader).filter((h) => h !== null)
    expect(new Set(headers.map((h) => h.host))).toEqual(new Set(['RUNNER']))
    for (const line of trace.filter((l) => l.startsWith('[')))
      expect(line).toMatch(/^\[RUNNER \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ (INFO|ERR |WARN) \w+\] /)
    const stdout = runner.text('stdout')
    const listeningLine = stdout.find((l) => /^\d{4}.*: Listening for Jobs$/.test(l))!
    expect(stdout[stdout.indexOf(listeningLine) - 1]).toMatch(
      new RegExp(`^\\[RUNNER \\S+ \\S+ INFO Terminal\\] WRITE LINE: ${listeningLine}$`),
    )
    expect(trace).toContainEqual(
      expect.stringMatching(
        /INFO JobDispatcher\] Worker finished for job [0-9a-f-]{36}\. Code: 100$/,
      ),
    )
    // The listener keeps the worker's stdout to itself: no WORKER line reaches the container's.
    expect(stdout.some((l) => l.includes('[WORKER '))).toBe(false)

    const files = await runner.diagFiles()
    expect(files).toEqual([
      expect.stringMatching(/^Runner_\d{8}-\d{6}-utc\.log$/),
      expect.stringMatching(/^Worker_\d{8}-\d{6}-utc\.log$/),
      'pages',
    ])
    const worker = await fsp.readFile(path.join(runner.diag!, files[1]!), 'utf8')
    expect(worker).toMatch(
      /^\[\S+ \S+ INFO JobRunner\] Job result after all job steps finish: Succeeded$/m,
    )
    const listenerFile = await fsp.readFile(path.join(runner.diag!, files[0]!), 'utf8')
    expect(listenerFile).toContain(`INFO Terminal] WRITE LINE: ${listeningLine}`)
    expect(listenerFile).not.toContain('[RUNNER ')

    // One page per timeline record, named <timeline>_<record>_1.log, with a byte order mark and
    // each line stamped in .NET's round-trip format.
    const pages = await runner.pages()
    expect(pages).toHaveLength(3)
    const names = pages.map((p) => parsePageName(p.name)!)
    expect(new Set(names.map((n) => n.timelineId)).size).toBe(1)
    expect(names.map((n) => n.page)).toEqual([1, 1, 1])
    for (const page of pages) {
      expect(page.raw.startsWith('\uFEFF')).toBe(true)
      for (const line of page.raw.slice(1).split('\n').slice(0, -1))
        expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z /)
    }
    expect(pages[0]!.lines).toEqual([
      "Current runner version: '2.330.0'",
      `Runner name: '${minted.name}'`,
      expect.stringMatching(/^Machine name: '\S+'$/),
      'Secret source: Actions',
      'Prepare workflow directory',
      'Prepare all required actions',
      'Complete job name: pages',
    ])
    expect(pages[1]!.lines).toEqual([
      '##[group]Run echo one',
      'echo one',
      'echo two',
      'shell: /bin/sh -e {0}',
      '##[endgroup]',
      'one',
      'two',
    ])
    expect(pages[2]!.lines).toEqual(['Cleaning up orphan processes'])
  })

  it('says on stderr, within a second, that it cannot connect when its network has no way out', async () => {
    const minted = await mintRunner(emulator)
    const runner = await containers.start(minted.encoded, 'env', 'none')
    const error = await runner.waitForLine(/^\d{4}\S* \S*: Runner connect error: /, 5000)
    const tookMs = error.at - runner.startRequestedAt
    console.log(
      `[figure] stand-in on network none -> "Runner connect error" on stderr: ${tookMs} ms`,
    )
    expect(error).toMatchObject({ stream: 'stderr' })
    expect(error.text).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: Runner connect error: Connection refused \(127\.0\.0\.1:\d+\)\. Retrying until reconnected\.$/,
    )
    // Stdout and stderr are two streams: the trace may arrive a moment after the error line.
    await expect
      .poll(() => runner.trace())
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/ERR  MessageListener\] Catch exception during create session\.$/),
          expect.stringMatching(
            /ERR  MessageListener\] System\.Net\.Http\.HttpRequestException: Connection refused/,
          ),
          ' ---> System.Net.Sockets.SocketException (111): Connection refused',
          expect.stringMatching(/ERR  Terminal\] WRITE ERROR: .*Runner connect error: /),
        ]),
      )
    expect(runner.terminal()).not.toContain('√ Connected to GitHub')
  })
})

describe('work folder', () => {
  it('works in an absolute work folder as it is (Path.Combine), else under its own folder', async () => {
    for (const [workFolder, expected] of [
      ['/tmp/rd-jobs/rd-x/work', '/tmp/rd-jobs/rd-x/work'],
      [undefined, '/home/runner/_work'],
    ] as const) {
      const minted = await mintRunner(emulator, ['self-hosted', 'linux'], workFolder)
      const runner = await containers.start(minted.encoded)
      await listening(runner)
      emulator.queueJob(REPO, { name: 'where', labels: ['linux'], script: 'echo "in $(pwd)"' })
      await runner.waitForLine(/^\d{4}.*completed with result: Succeeded$/)
      expect(await runner.steps()).toContain(`in ${expected}`)
      emulator.reset()
    }
  })
})

describe('start-up delay (the real listener takes seconds to start)', () => {
  it('delays "Listening for Jobs" by the delay the JIT config carries; offline meanwhile', async () => {
    const DELAY_MS = 1500
    emulator.setRunnerStartupDelay(DELAY_MS)
    const minted = await mintRunner(emulator)
    const runner = await containers.start(minted.encoded)
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS / 2))
    expect(runner.lines.some((l) => l.text.includes('Connected to GitHub'))).toBe(false)
    expect(runnerView(minted.id)).toMatchObject({ status: 'offline', sessions: 0 })
    const timing = await startToListening(runner)
    console.log(
      `[figure] container start -> "Listening for Jobs" with a ${DELAY_MS} ms start-up delay: ` +
        `${timing.daemon} ms (daemon clock)`,
    )
    expect(timing.daemon).toBeGreaterThanOrEqual(DELAY_MS)
    expect(timing.daemon).toBeLessThan(DELAY_MS + 1000)
    expect(runnerView(minted.id)).toMatchObject({ status: 'online', sessions: 1 })
    expect(runner.terminal().slice(0, 5)).toEqual([
      '',
      '√ Connected to GitHub',
      '',
      "Current runner version: '2.330.0'",
      expect.stringMatching(/: Listening for Jobs$/),
    ])
  })

  it('stops at once on SIGTERM during the delay, without having connected', async () => {
    emulator.setRunnerStartupDelay(20_000)
    const minted = await mintRunner(emulator)
    const runner = await containers.start(minted.encoded)
    await new Promise((resolve) => setTimeout(resolve, 500))
    const signalledAt = Date.now()
    await runner.container.kill({ signal: 'SIGTERM' })
    expect(await runner.exitCode()).toBe(0)
    expect(Date.now() - signalledAt).toBeLessThan(1000)
    expect(runner.terminal()).toEqual([
      'Exiting...',
      'Runner listener exit with 0 return code, stop the service, no retry needed.',
      'Exiting runner...',
    ])
    expect(runnerView(minted.id)).toMatchObject({ status: 'offline', sessions: 0 })
  })
})

describe('docs/github-facts.md: failure modes', () => {
  it('refuses a reused JIT config once its runner ran its job: the deleted line, exit 0', async () => {
    const minted = await mintRunner(emulator)
    const first = await containers.start(minted.encoded)
    await listening(first)
    emulator.queueJob(REPO, { name: 'once', labels: ['linux'], script: 'true' })
    expect(await first.exitCode()).toBe(0)

    const reused = await containers.start(minted.encoded)
    expect(await reused.exitCode()).toBe(0)
    expect(reused.text('stderr')).toEqual([DELETED])
    expect(reused.terminal()).toEqual([
      '',
      '√ Connected to GitHub',
      '',
      'Runner listener exit with terminated error, stop the service, no retry needed.',
      'Exiting runner...',
    ])
    expect(reused.lines.map((l) => parseRunnerLogLine(l.text)?.kind)).toContain(
      'registration-deleted',
    )
  })

  it('turns a config reused while its runner lives into a zombie that looks healthy', async () => {
    const minted = await mintRunner(emulator)
    const first = await containers.start(minted.encoded)
    await listening(first)
    const zombie = await containers.start(minted.encoded)
    await listening(zombie)
    expect(runnerView(minted.id)).toMatchObject({
      status: 'online',
      sessions: 2,
      zombieSessions: 1,
    })

    const jobId = emulator.queueJob(REPO, { name: 'real', labels: ['linux'], script: 'true' })
    expect(await first.exitCode()).toBe(0)
    expect(emulator.job(jobId)?.result).toBe('Succeeded')
    // The zombie never got the job and keeps running as if all were well.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect((await zombie.container.inspect()).State.Running).toBe(true)
    expect(zombie.terminal().some((l) => l.includes('Running job'))).toBe(false)
  })

  it('exits 0 once its registration is deleted while it listens', async () => {
    const minted = await mintRunner(emulator)
    const runner = await containers.start(minted.encoded)
    await listening(runner)
    const deletedAt = Date.now()
    const response = await fetch(`${emulator.url}/repos/octo/app/actions/runners/${minted.id}`, {
      method: 'DELETE',
      headers: { Authorization: 'Bearer ghp_runnerimagespec' },
    })
    expect(response.status).toBe(204)
    expect(await runner.exitCode()).toBe(0)
    console.log(`[figure] registration deleted -> container exited: ${Date.now() - deletedAt} ms`)
    expect(runner.terminal().slice(5)).toEqual([
      'Runner listener exit with retryable error, re-launch runner in 5 seconds.',
      'Restarting runner...',
      '',
      '√ Connected to GitHub',
      '',
      'Runner listener exit with terminated error, stop the service, no retry needed.',
      'Exiting runner...',
    ])
    expect(runner.text('stderr')).toEqual([
      expect.stringMatching(/^An error occurred: Registration [0-9a-f-]{36} was not found\.$/),
      DELETED,
    ])
  })

  it('stops at once on SIGTERM while idle: session ended, registration kept, exit 0', async () => {
    const minted = await mintRunner(emulator)
    const runner = await containers.start(minted.encoded)
    await listening(runner)
    const signalledAt = Date.now()
    await runner.container.kill({ signal: 'SIGTERM' })
    expect(await runner.exitCode()).toBe(0)
    const stopMs = Date.now() - signalledAt
    console.log(`[figure] SIGTERM -> exited (idle runner): ${stopMs} ms`)
    expect(stopMs).toBeLessThan(1000)
    expect(runner.terminal().slice(5)).toEqual([
      'Exiting...',
      'Runner listener exit with 0 return code, stop the service, no retry needed.',
      'Exiting runner...',
    ])
    expect(runnerView(minted.id)).toMatchObject({ status: 'offline', registered: true })
  })

  it('cancels a running job on SIGTERM and reports it Canceled', async () => {
    const minted = await mintRunner(emulator)
    const runner = await containers.start(minted.encoded)
    await listening(runner)
    const jobId = emulator.queueJob(REPO, {
      name: 'long',
      labels: ['linux'],
      script: 'echo started\nsleep 60\necho never',
    })
    await runner.waitForStep(/^started$/)
    const signalledAt = Date.now()
    await runner.container.kill({ signal: 'SIGTERM' })
    expect(await runner.exitCode()).toBe(0)
    const stopMs = Date.now() - signalledAt
    console.log(`[figure] SIGTERM -> exited (busy runner, job cancelled): ${stopMs} ms`)
    expect(stopMs).toBeLessThan(1000)
    expect(runner.terminal()).toContain('Exiting...')
    expect(runner.terminal().find((l) => STAMP.test(l) && l.includes('completed'))).toMatch(
      /: Job long completed with result: Canceled$/,
    )
    expect(emulator.job(jobId)).toMatchObject({ status: 'completed', result: 'Canceled' })
    expect(await runner.steps()).not.toContain('never')
  })

  it('leaves a busy runner killed outright registered and offline; its job fails', async () => {
    const minted = await mintRunner(emulator)
    const runner = await containers.start(minted.encoded)
    await listening(runner)
    const jobId = emulator.queueJob(REPO, {
      name: 'doomed',
      labels: ['linux'],
      script: 'echo started\nsleep 60',
    })
    await runner.waitForStep(/^started$/)
    const killedAt = Date.now()
    await runner.container.kill({ signal: 'SIGKILL' })
    expect(await runner.exitCode()).toBe(137)
    const failed = await eventually(
      'the job failed for lost communication',
      () => (emulator.job(jobId)?.status === 'completed' ? emulator.job(jobId) : undefined),
      5000,
    )
    console.log(`[figure] SIGKILL of a busy runner -> job failed: ${Date.now() - killedAt} ms`)
    expect(failed).toMatchObject({
      result: 'Failed',
      reason: `The self-hosted runner: ${minted.name} lost communication with the server.`,
    })
    expect(runnerView(minted.id)).toMatchObject({
      registered: true,
      status: 'offline',
      busy: false,
    })
  })

  it('refuses to start without a config or as root; config.sh explains JIT needs none', async () => {
    const bare = await containers.run({ cmd: ['/home/runner/run.sh'] })
    expect(await bare.exitCode()).toBe(0)
    expect(bare.text('stderr')).toEqual(['Runner is not configured.'])
    const root = await containers.run({ cmd: ['/home/runner/run.sh'], user: 'root' })
    expect(await root.exitCode()).toBe(1)
    expect(root.text('stdout')[0]).toBe('Must not run interactively with sudo')
    const config = await containers.run({ cmd: ['./config.sh', '--unattended'] })
    expect(await config.exitCode()).toBe(1)
    expect(config.text('stderr').join('\n')).toContain('./run.sh --jitconfig <encoded_jit_config>')
  })

  it('retries while the service is unreachable and says when it reconnects', async () => {
    emulator.setRunnerOutage(true)
    const minted = await mintRunner(emulator)
    const runner = await containers.start(minted.encoded)
    const error = await runner.waitForLine(/^\d{4}\S* \S*: Runner connect error: /)
    expect(error).toMatchObject({ stream: 'stderr' })
    expect(error.text).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: Runner connect error: Response status code does not indicate success: 503 \(Service Unavailable\)\. Retrying until reconnected\.$/,
    )
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(runner.text('stderr').filter((l) => l.includes('Runner connect error'))).toHaveLength(1)
    emulator.setRunnerOutage(false)
    await runner.waitForLine(/^\d{4}\S* \S*: Runner reconnected\.$/, 5000)
    await listening(runner)
    await eventually('the runner online', () =>
      runnerView(minted.id)?.status === 'online' ? true : undefined,
    )
  })
})

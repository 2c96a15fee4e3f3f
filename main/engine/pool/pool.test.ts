// The real Pool on in-memory Docker and GitHub fakes: the races that matter, in milliseconds,
// with no Docker engine (`DOCKER_HOST=unix:///nonexistent npm test` passes).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { err, ok } from '../../../common/result'
import type { RunnerAttachments } from './runner-attachments'
import { createFakePool, inPhase, type FakePool } from './testing/fake-pool'
import { dockerFailure, FakeDocker } from './testing/fake-docker'
import { FakeGitHub, gitHubFailure } from './testing/fake-github'

let t: FakePool | null = null
afterEach(() => {
  t?.pool.dispose()
  t = null
})

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const idle = (n: number) => (s: Parameters<Parameters<FakePool['until']>[0]>[0]) =>
  inPhase(s, 'idle').length === n && s.runners.length === n

describe('a pool on fakes', () => {
  it('fills, runs a job, replaces the runner, and drains to nothing', async () => {
    t = createFakePool()
    await t.start(2)
    const full = await t.until(idle(2), 'two idle runners')
    expect(full.runners.map((r) => r.version)).toEqual(['2.330.0', '2.330.0'])
    const worker = full.runners[0]!.name
    t.takeJob(worker)
    await t.until((s) => inPhase(s, 'busy').length === 1, 'a busy runner')
    t.finishJob(worker)
    const after = await t.until(
      (s) => idle(2)(s) && !s.runners.some((r) => r.name === worker),
      'the runner replaced',
    )
    expect(after.recent).toHaveLength(1)
    expect(after.recent[0]).toMatchObject({
      name: worker,
      ending: 'job-done',
      job: { name: 'build', result: 'Succeeded' },
    })
    const report = await t.pool.stop('drain')
    expect(report).toMatchObject({
      containersLeft: [],
      registrationsLeft: [],
      dockerChecked: true,
      githubChecked: true,
    })
    expect(t.docker.containers.size).toBe(0)
    expect(t.github.registrations.size).toBe(0)
  })

  it('lists a runner in "recent" once, and only if it ran a job', async () => {
    t = createFakePool()
    await t.start(3)
    await t.until(idle(3), 'three idle runners')
    t.pool.setDesired(0)
    const empty = await t.until((s) => s.runners.length === 0, 'scaled to zero')
    expect(empty.recent).toEqual([])
  })

  it('scaling down while a runner takes a job: the delete answers 422 and it keeps its job', async () => {
    t = createFakePool()
    await t.start(1)
    const [runner] = (await t.until(idle(1), 'one idle runner')).runners
    // GitHub gives it a job; the "Running job" line is not printed yet when the pool retires it.
    t.github.byName(runner!.name)!.busy = true
    t.pool.setDesired(0)
    await t.until(
      (s) =>
        s.runners[0]?.phase === 'idle' && t!.github.calls.includes(`delete ${runner!.runnerId}`),
      'the retire refused as busy',
    )
    t.takeJob(runner!.name)
    await t.until((s) => s.runners[0]?.phase === 'busy', 'the job running')
    expect(t.docker.running()).toHaveLength(1)
    t.finishJob(runner!.name)
    const done = await t.until((s) => s.runners.length === 0, 'the runner gone after its job')
    expect(done.recent[0]?.job?.result).toBe('Succeeded')
    expect(t.docker.containers.size).toBe(0)
  })

  it.each([
    ['a network failure', gitHubFailure('network')],
    ['a 5xx', gitHubFailure('server', 502)],
    ['a 401', gitHubFailure('unauthorized', 401)],
  ])(
    'a retire whose delete meets %s keeps the runner until the delete succeeds',
    async (_what, failure) => {
      t = createFakePool()
      await t.start(1)
      const [runner] = (await t.until(idle(1), 'one idle runner')).runners
      t.github.next.delete.push(failure, failure)
      t.pool.setDesired(0)
      await t.until((s) => s.runners[0]?.phase === 'retiring', 'retiring')
      await wait(30)
      // Still there, container and all, while GitHub will not confirm the delete.
      expect(t.docker.running()).toHaveLength(1)
      expect(t.pool.snapshot().runners).toHaveLength(1)
      await t.until((s) => s.runners.length === 0, 'removed once the delete succeeded')
      expect(t.github.calls.filter((c) => c === `delete ${runner!.runnerId}`).length).toBe(3)
      expect(t.docker.containers.size).toBe(0)
    },
  )

  it('a retire whose registration is already gone (404) removes the runner at once', async () => {
    t = createFakePool()
    await t.start(1)
    const [runner] = (await t.until(idle(1), 'one idle runner')).runners
    t.github.registrations.delete(runner!.runnerId!)
    t.pool.setDesired(0)
    await t.until((s) => s.runners.length === 0, 'removed')
    expect(t.docker.containers.size).toBe(0)
  })

  it('stop-now while creates are in flight resolves only after they are cleaned up', async () => {
    t = createFakePool()
    await t.start(0)
    t.github.holdCreates = 2
    t.docker.holdRuns = 1
    t.pool.setDesired(3)
    await t.until(
      () => t!.github.heldCreates.length === 2 && t!.docker.heldRuns.length === 1,
      'two registrations and one container in flight',
    )
    let settled = false
    const stopped = t.pool.stop('now').then((r) => ((settled = true), r))
    await wait(20)
    expect(settled).toBe(false)
    t.github.heldCreates.forEach((release) => release())
    t.docker.heldRuns.forEach((h) => h.release())
    const report = await stopped
    expect(report.containersLeft).toEqual([])
    expect(report.registrationsLeft).toEqual([])
    const createdBefore = t.docker.created.length
    await wait(50)
    // Nothing appears after "Stopped".
    expect(t.docker.created.length).toBe(createdBefore)
    expect(t.docker.containers.size).toBe(0)
    expect(t.github.registrations.size).toBe(0)
  })

  it('a container that exits before create returns is cleaned up and counts as a failure', async () => {
    t = createFakePool()
    t.docker.exitBeforeRunReturns = true
    await t.start(1)
    // A failing target backs off alone: the hold is the target's, not the pool's.
    const blocked = await t.until(
      (s) => s.targets[0]?.blocked?.reason === 'backoff',
      'the target backing off',
    )
    expect(blocked.blocked).toBeNull()
    expect(blocked.targets[0]?.blocked?.message).toMatch(/exited before coming online/)
    expect(blocked.targets[0]?.blocked?.message).not.toMatch(/Trying again in/)
    await t.until(() => t!.docker.containers.size === 0, 'its container removed')
    t.docker.exitBeforeRunReturns = false
    // On a loaded machine a second failure may come first: the backoff doubles (2 s, then 4 s).
    await t.until(idle(1), 'a good runner after the backoff', 12_000)
  })

  it('a die event that overtakes the log still records the job, and a repeated die is harmless', async () => {
    t = createFakePool()
    await t.start(1)
    const [runner] = (await t.until(idle(1), 'one idle runner')).runners
    t.takeJob(runner!.name, 'deploy')
    await t.until((s) => s.runners[0]?.phase === 'busy', 'busy')
    t.finishJob(runner!.name, { result: 'Failed', dieFirst: true, repeatDie: true })
    const after = await t.until(
      (s) => s.recent.length === 1 && idle(1)(s),
      'job recorded and replaced',
    )
    expect(after.recent[0]).toMatchObject({
      ending: 'job-done',
      job: { name: 'deploy', result: 'Failed' },
    })
    expect(t.notices.some((n) => n.message === 'Job "deploy" finished: Failed.')).toBe(true)
  })

  it('Docker going away mid-create and coming back: the pool says so, then fills without orphans', async () => {
    t = createFakePool()
    await t.start(0)
    t.docker.holdRuns = 1
    t.pool.setDesired(1)
    await t.until(() => t!.docker.heldRuns.length === 1, 'a container start in flight')
    t.docker.goAway()
    t.docker.heldRuns[0]!.release()
    const down = await t.until((s) => s.blocked?.reason === 'docker', 'Docker reported away')
    expect(down.health.docker.state).toBe('problem')
    t.docker.comeBack()
    const back = await t.until(
      (s) => idle(1)(s) && s.blocked === null,
      'filled after Docker came back',
    )
    const names = back.runners.map((r) => r.name)
    expect(
      t.docker
        .running()
        .map((c) => c.name)
        .sort(),
    ).toEqual(names.sort())
  })

  it('GitHub answering 401 mid-create blocks creation with the reason and keeps the runners it has', async () => {
    t = createFakePool()
    await t.start(1)
    await t.until(idle(1), 'one idle runner')
    t.github.next.create.push(gitHubFailure('unauthorized', 401))
    t.pool.setDesired(3)
    const blocked = await t.until((s) => s.blocked?.reason === 'token', 'a token block')
    expect(blocked.health.token.state).toBe('problem')
    const creates = () => t!.github.calls.filter((c) => c.startsWith('create')).length
    const atBlock = creates()
    await wait(100)
    // No loop of JIT configs with a dead token; the runners it has stay (one was being created
    // alongside the refused one).
    expect(creates()).toBe(atBlock)
    expect(inPhase(t.pool.snapshot(), 'idle').length).toBeGreaterThanOrEqual(1)
    expect(t.docker.running()).toHaveLength(t.pool.snapshot().runners.length)
  })

  it('a job that prints a completion line for another job changes nothing', async () => {
    t = createFakePool()
    await t.start(1)
    const [runner] = (await t.until(idle(1), 'one idle runner')).runners
    t.takeJob(runner!.name, 'build')
    await t.until((s) => s.runners[0]?.phase === 'busy', 'busy')
    const id = t.docker.byName(runner!.name)!.id
    t.docker.print(id, '2026-11-29 21:00:00Z: Job other completed with result: Succeeded')
    await wait(30)
    expect(t.pool.snapshot().runners).toHaveLength(1)
    expect(t.logs.read(runner!.name).some((e) => /Ignored: "job-completed"/.test(e.text))).toBe(
      true,
    )
  })

  it('a job that prints its own completion line and keeps running costs at most one extra runner, briefly', async () => {
    t = createFakePool({ timing: { finishedGraceMs: 150 } })
    await t.start(1)
    const [runner] = (await t.until(idle(1), 'one idle runner')).runners
    t.takeJob(runner!.name, 'build')
    await t.until((s) => s.runners[0]?.phase === 'busy', 'busy')
    const id = t.docker.byName(runner!.name)!.id
    t.docker.print(id, '2026-11-29 21:00:00Z: Job build completed with result: Succeeded')
    await t.until((s) => inPhase(s, 'idle').length === 1 && s.runners.length === 2, 'a replacement')
    // After the grace the lingering runner counts again, and the extra idle one is retired.
    await t.until(
      (s) => s.runners.length === 1 && s.runners[0]!.name === runner!.name,
      'back to one runner',
    )
    expect(t.docker.running()).toHaveLength(1)
  })

  it('stopping twice joins one stop; "now" upgrades a drain; a stop after the end resolves at once', async () => {
    t = createFakePool()
    await t.start(1)
    const [runner] = (await t.until(idle(1), 'one idle runner')).runners
    t.takeJob(runner!.name)
    await t.until((s) => s.runners[0]?.phase === 'busy', 'busy')
    const drain = t.pool.stop('drain')
    const again = t.pool.stop('drain')
    await wait(30)
    expect(t.pool.snapshot().runners[0]?.phase).toBe('busy')
    const now = t.pool.stop('now')
    const [a, b, c] = await Promise.all([drain, again, now])
    expect(a).toBe(b)
    expect(b).toBe(c)
    expect(t.docker.containers.size).toBe(0)
    const started = Date.now()
    expect(await t.pool.stop('now')).toBe(a)
    expect(Date.now() - started).toBeLessThan(20)
  })

  it('a stop never waits on a GitHub that does not answer past its bound, and says what is left', async () => {
    t = createFakePool({ timing: { stopGitHubMs: 200 } })
    await t.start(2)
    await t.until(idle(2), 'two idle runners')
    t.github.silent = true
    const started = Date.now()
    const report = await t.pool.stop('drain')
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(t.docker.containers.size).toBe(0)
    expect(report.containersLeft).toEqual([])
    expect(report.githubChecked).toBe(false)
    expect(report.registrationsLeft).toHaveLength(2)
    expect((await t.pending.list()).map((p) => p.runnerId).sort()).toEqual(
      report.registrationsLeft.map((r) => r.id).sort(),
    )
  })

  it('a removal that races the container’s own exit is retried, and the report is what is left', async () => {
    t = createFakePool()
    await t.start(1)
    await t.until(idle(1), 'one idle runner')
    t.docker.removeAnswers.push(
      dockerFailure('other', 'cannot remove container: container state improper: stopped'),
      dockerFailure('conflict', 'removal of container c1 is already in progress'),
    )
    const report = await t.pool.stop('now')
    expect(report.containersLeft).toEqual([])
    expect(t.docker.containers.size).toBe(0)
  })

  it('a container that cannot be removed is reported by name, never claimed removed', async () => {
    t = createFakePool()
    await t.start(1)
    const [runner] = (await t.until(idle(1), 'one idle runner')).runners
    for (let i = 0; i < 4; i++)
      t.docker.removeAnswers.push(dockerFailure('permission', 'permission denied'))
    const report = await t.pool.stop('now')
    expect(report.containersLeft).toEqual([
      expect.objectContaining({ name: runner!.name, problem: 'permission denied' }),
    ])
    expect(t.pool.snapshot().lastStop).toEqual(report)
  })
})

describe('the runners’ network', () => {
  it('makes this installation’s own network, inter-container traffic off, and runs runners on it', async () => {
    t = createFakePool()
    await t.start(1)
    const [runner] = (await t.until(idle(1), 'one idle runner')).runners
    expect(t.docker.networks.get('runnerdock-abcd1234')).toEqual({ isolated: true })
    expect(t.docker.byName(runner!.name)!.spec.networkMode).toBe('runnerdock-abcd1234')
    expect(t.notices.some((n) => n.level === 'warn')).toBe(false)
    expect(t.pool.snapshot().health.network).toMatchObject({
      state: 'ok',
      summary: 'Network runnerdock-abcd1234, runners kept apart',
    })
  })

  it('warns once when the engine will not isolate the network, and still runs', async () => {
    const docker = new FakeDocker()
    docker.isolates = false
    t = createFakePool({ docker })
    await t.start(2)
    await t.until(idle(2), 'two idle runners')
    const warnings = t.notices.filter((n) => n.message.includes('runners can reach each other'))
    expect(warnings).toHaveLength(1)
  })

  it('a network the user chose that does not exist holds creation with what to do, until it appears', async () => {
    t = createFakePool({ settings: { networkMode: 'team-net' } })
    await t.start(1)
    const held = await t.until((s) => s.blocked?.reason === 'network', 'a network hold')
    expect(held.blocked!.message).toContain('docker network create team-net')
    expect(held.health.network).toMatchObject({ state: 'problem', summary: 'Network team-net' })
    expect(t.docker.networks.has('team-net')).toBe(false) // never made for the user
    t.docker.networks.set('team-net', { isolated: false })
    const running = await t.until(idle(1), 'a runner once the network exists')
    expect(running.blocked).toBeNull()
    expect(running.health.network?.state).toBe('ok')
  })
})

describe('runner attachments', () => {
  function recording(options: { fail?: string; adoptable?: boolean } = {}) {
    const log: string[] = []
    const attachments: RunnerAttachments = {
      adoptable: options.adoptable ?? true,
      workFolder: (name) => `/jobs/${name}/work`,
      attach: async ({ name }) => {
        if (options.fail) return err(options.fail)
        log.push(`attach ${name}`)
        return ok({
          spec: { workFolder: `/jobs/${name}/work`, env: ['TOOLS=/cache'] },
          release: async () => (log.push(`release ${name}`), ok(undefined)),
        })
      },
      sweep: async (live) => (log.push(`sweep ${[...live].sort().join(',')}`), ok(undefined)),
    }
    return { log, attachments }
  }

  it('registers with the work folder, runs with the extras, releases after its container is gone', async () => {
    const { log, attachments } = recording()
    t = createFakePool({ attachments })
    await t.start(1)
    const [runner] = (await t.until(idle(1), 'one idle runner')).runners
    const name = runner!.name
    expect(t.github.workFolders.get(name)).toBe(`/jobs/${name}/work`)
    expect(t.docker.byName(name)!.spec).toMatchObject({
      workFolder: `/jobs/${name}/work`,
      env: ['TOOLS=/cache'],
    })
    expect(log).toEqual([`sweep `, `attach ${name}`])
    t.takeJob(name)
    t.finishJob(name)
    await t.until((s) => idle(1)(s) && s.runners[0]!.name !== name, 'the runner replaced')
    await vi.waitFor(() => expect(log).toContain(`release ${name}`))
    expect(t.docker.byName(name)).toBeUndefined()
  })

  it('a successor’s attachments are made while its predecessor works, once; unneeded ones are released', async () => {
    const { log, attachments } = recording()
    t = createFakePool({ attachments })
    await t.start(1)
    const [first] = (await t.until(idle(1), 'one idle runner')).runners
    t.takeJob(first!.name)
    await vi.waitFor(() => expect(log.filter((l) => l.startsWith('attach'))).toHaveLength(2))
    const spare = log.filter((l) => l.startsWith('attach'))[1]!.slice('attach '.length)
    expect(t.docker.byName(spare)).toBeUndefined() // set up ahead, no container yet
    t.finishJob(first!.name)
    const after = await t.until(
      (s) => idle(1)(s) && s.runners[0]!.name === spare,
      'the spare started as the successor',
    )
    expect(after.runners[0]!.name).toBe(spare)
    expect(log.filter((l) => l === `attach ${spare}`)).toHaveLength(1)
    // Scaled to zero while a new spare waits: its attachments are released with it.
    t.takeJob(spare)
    await vi.waitFor(() => expect(log.filter((l) => l.startsWith('attach'))).toHaveLength(3))
    const unneeded = log.filter((l) => l.startsWith('attach'))[2]!.slice('attach '.length)
    t.pool.setDesired(0)
    t.finishJob(spare)
    await vi.waitFor(() => expect(log).toContain(`release ${unneeded}`))
  })

  it('a successor waits for a spare still being set up when its predecessor’s job ends, and takes it', async () => {
    const { log, attachments } = recording()
    let hold: (() => void) | null = null
    let calls = 0
    const slow: RunnerAttachments = {
      ...attachments,
      attach: async (runner) => {
        // The second runner is the spare: its setup outlasts the job.
        if (++calls === 2) await new Promise<void>((resolve) => (hold = resolve))
        return attachments.attach(runner)
      },
    }
    t = createFakePool({ attachments: slow })
    await t.start(1)
    const [first] = (await t.until(idle(1), 'one idle runner')).runners
    t.takeJob(first!.name)
    await vi.waitFor(() => expect(hold).not.toBeNull())
    t.finishJob(first!.name)
    await vi.waitFor(() =>
      expect(t!.pool.snapshot().runners.map((r) => r.phase)).toContain('registering'),
    )
    hold!()
    const after = await t.until(
      (s) => idle(1)(s) && s.runners[0]!.name !== first!.name,
      'the spare started as the successor',
    )
    const spare = log.filter((l) => l.startsWith('attach'))[1]!.slice('attach '.length)
    expect(after.runners[0]!.name).toBe(spare)
    expect(calls).toBe(2) // no third setup: nobody registered afresh
    await vi.waitFor(() => expect(log).toContain(`release ${first!.name}`))
    expect([...t.github.registrations.values()].map((r) => r.name)).toEqual([spare])
  })

  it('a runner whose attachments fail gets no container, and the reason is told', async () => {
    const { attachments } = recording({ fail: 'The job folder has a colon.' })
    t = createFakePool({ attachments })
    await t.start(1)
    await vi.waitFor(() =>
      expect(t!.notices.map((n) => n.message).join('\n')).toContain('The job folder has a colon.'),
    )
    expect(t.docker.containers.size).toBe(0)
    await t.pool.stop('now')
  })

  it('runners of an earlier process are not adopted when an attachment lived in it', async () => {
    const docker = new FakeDocker()
    const github = new FakeGitHub()
    const first = createFakePool({ docker, github })
    await first.start(2)
    const before = (await first.until(idle(2), 'two idle runners')).runners.map((r) => r.name)
    first.pool.dispose() // the process ends without a stop: its containers stay
    expect(docker.containers.size).toBe(2)
    const { log, attachments } = recording({ adoptable: false })
    t = createFakePool({ docker, github, attachments })
    await t.start(2)
    const after = await t.until(
      (s) => idle(2)(s) && s.runners.every((r) => !before.includes(r.name)),
      'two new runners',
    )
    for (const name of before) expect(docker.byName(name)).toBeUndefined()
    expect(github.registrations.size).toBe(2)
    expect(log[0]).toBe('sweep ') // swept after recovery removed the old ones, before new runners
    expect(after.runners).toHaveLength(2)
  })
})

describe('a current runner image', () => {
  it('pulls in the background when the tag moved, with progress, and keeps the runners it has', async () => {
    const docker = new FakeDocker()
    docker.registryDigest = 'sha256:bbb'
    const progress: unknown[] = []
    t = createFakePool({ docker })
    t.pool.on('snapshot', (s) => s.imagePull && progress.push(s.imagePull))
    await t.start(2)
    await t.until(idle(2), 'two idle runners')
    await vi.waitFor(() =>
      expect(t!.notices.map((n) => n.message)).toContain(
        'Pulled a newer runner:test; runners made from now on use it.',
      ),
    )
    expect(docker.pulls).toEqual(['runner:test'])
    expect(progress).toContainEqual(expect.objectContaining({ image: 'runner:test' }))
    expect(t.pool.snapshot().imagePull).toBeNull()
    expect(t.pool.snapshot().runners).toHaveLength(2)
  })

  it('a registry it cannot reach is said once and holds nothing; an image built here is left alone', async () => {
    const docker = new FakeDocker()
    docker.registryDigest = dockerFailure('unreachable', 'registry unreachable')
    t = createFakePool({ docker, timing: { imageCheckMs: 50 } })
    await t.start(1)
    await t.until(idle(1), 'one idle runner')
    await vi.waitFor(() => expect(docker.pulls.length).toBeGreaterThan(0))
    await wait(200)
    const told = t.notices.filter((n) => n.message.startsWith('Could not check for a newer'))
    expect(told).toHaveLength(1)
    expect(told[0]!.level).toBe('info')
    expect(t.pool.snapshot().blocked).toBeNull()

    t.pool.dispose()
    const local = new FakeDocker()
    local.image = { id: 'sha256:built', createdAt: 0, repoDigests: [] }
    local.registryDigest = 'sha256:ccc'
    t = createFakePool({ docker: local, timing: { imageCheckMs: 50 } })
    await t.start(1)
    await t.until(idle(1), 'one idle runner')
    await wait(150)
    expect(local.pulls).toEqual([])
  })
})

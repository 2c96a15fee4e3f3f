import { promises as fsp } from 'node:fs'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDockerProxy, type DockerProxy } from '../../../e2e/support/docker-proxy'
import { startStalledDockerSocket } from '../../../e2e/support/docker-stalled-socket'
import {
  BUSYBOX_BASE_IMAGE,
  BUSYBOX_RUNNER_IMAGE,
  ensureBusyboxTestImages,
  runShLines,
} from '../../../e2e/support/docker-test-image'
import { createDockerPort, dockerodeOptions, type DockerPortOptions } from './create-docker-port'
import { resolveDockerConnection, type DockerConnection } from './docker-connection'
import type {
  ContainerEvent,
  ContainerLogLine,
  DockerFailure,
  DockerPort,
  RunnerContainerSpec,
} from './docker-port'

const TEST_LABEL = { 'dev.runnerdock.test': 'docker-port' }
let connection: DockerConnection
let docker: DockerPort
let raw: Dockerode
let serial = 0
const proxies: DockerProxy[] = []

/** A run.sh config: exit code, seconds to sleep, padding so the redactor (8+ chars) applies. */
const jit = (exit: number, sleep: number) => `${exit}:${sleep}:${'j'.repeat(40)}`

/** A spec for one test case; `case` labels it so each test lists and watches only its own. */
function spec(testCase: string, overrides: Partial<RunnerContainerSpec> = {}): RunnerContainerSpec {
  serial++
  return {
    name: `rd-test-${process.pid}-${Date.now().toString(36)}-${serial}`,
    image: BUSYBOX_RUNNER_IMAGE,
    jitConfig: jit(0, 0),
    labels: { ...TEST_LABEL, 'dev.runnerdock.test.case': testCase },
    cpus: null,
    memoryMb: null,
    networkMode: null,
    dockerSocket: false,
    ...overrides,
  }
}

async function portFor(env: NodeJS.ProcessEnv, options: Partial<DockerPortOptions> = {}) {
  const resolved = await resolveDockerConnection(env)
  if (!resolved.ok) throw new Error(resolved.error.message)
  return createDockerPort({ connection: resolved.value, callTimeoutMs: 5000, ...options })
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Follows a log to its end and collects everything. */
function collectLogs(port: DockerPort, id: string, sinceMs?: number) {
  const lines: ContainerLogLine[] = []
  const ends: Array<DockerFailure | null> = []
  const subscription = port.followLogs(
    id,
    (line) => lines.push(line),
    (f) => ends.push(f),
    sinceMs,
  )
  return { lines, ends, subscription }
}

async function exited(id: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while ((await raw.getContainer(id).inspect()).State.Running) {
    if (Date.now() > deadline) throw new Error('container did not exit')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

beforeAll(async () => {
  const resolved = await resolveDockerConnection()
  if (!resolved.ok) throw new Error(resolved.error.message)
  connection = resolved.value
  docker = createDockerPort({ connection, callTimeoutMs: 10_000 })
  const ping = await docker.ping()
  if (!ping.ok) throw new Error(`These tests need a Docker engine: ${ping.error.message}`)
  raw = new Dockerode(dockerodeOptions(connection))
  await ensureBusyboxTestImages(raw)
})

afterAll(async () => {
  for (const proxy of proxies) await proxy.close()
  const left = await raw.listContainers({
    all: true,
    filters: { label: ['dev.runnerdock.test=docker-port'] },
  })
  await Promise.all(
    left.map((c) =>
      raw
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  )
})

describe('DockerPort against the real engine', () => {
  it('answers a ping with the API version', async () => {
    const ping = await docker.ping()
    expect(ping.ok && ping.value.apiVersion).toMatch(/^1\.\d+$/)
  })

  it('runs a runner with its config, labels, limits and socket; logs, events and list follow it', async () => {
    const events: ContainerEvent[] = []
    const connections: unknown[] = []
    const s = spec('full', {
      jitConfig: jit(3, 0),
      cpus: 0.5,
      memoryMb: 64,
      networkMode: 'none',
      dockerSocket: true,
    })
    const watch = docker.watchEvents(
      s.labels,
      (e) => events.push(e),
      (c) => connections.push(c),
    )
    await waitFor('the event stream', () => connections.length > 0)
    expect(connections).toEqual([{ connected: true }])

    const before = Date.now()
    const started = await docker.runRunner(s)
    expect(started.ok).toBe(true)
    if (!started.ok) return
    const id = started.value.id
    const logs = collectLogs(docker, id)
    await waitFor('the log to end', () => logs.ends.length > 0)
    const after = Date.now()
    expect(logs.ends).toEqual([null])
    expect(logs.lines.map(({ stream, text }) => ({ stream, text }))).toEqual(
      runShLines(s.jitConfig),
    )
    for (const line of logs.lines) {
      expect(line.time).toBeGreaterThanOrEqual(before - 2000)
      expect(line.time).toBeLessThanOrEqual(after + 2000)
    }
    const stdoutTimes = logs.lines.filter((l) => l.stream === 'stdout').map((l) => l.time)
    expect([...stdoutTimes].sort((a, b) => a - b)).toEqual(stdoutTimes)

    const info = await raw.getContainer(id).inspect()
    const socketGid = (await fsp.stat(connection.socketPath!)).gid
    expect(info.Config.Labels).toMatchObject(s.labels)
    expect(info.Config.Cmd).toEqual(['/home/runner/run.sh'])
    expect(info.Config.Env).toContain(`ACTIONS_RUNNER_INPUT_JITCONFIG=${s.jitConfig}`)
    expect(info.Config.Tty).toBe(false)
    expect(info.HostConfig).toMatchObject({
      RestartPolicy: { Name: 'no' },
      AutoRemove: false,
      NanoCpus: 500_000_000,
      Memory: 64 * 1024 * 1024,
      NetworkMode: 'none',
      Binds: [`${connection.socketPath}:/var/run/docker.sock`],
      GroupAdd: [String(socketGid)],
    })
    expect(info.State.ExitCode).toBe(3)

    await waitFor('the die event', () => events.some((e) => e.id === id && e.action === 'die'))
    const die = events.find((e) => e.id === id && e.action === 'die')!
    expect(die.exitCode).toBe(3)
    expect(die.labels).toMatchObject(s.labels)
    expect(Math.abs(die.time - after)).toBeLessThan(5000)
    expect(events.filter((e) => e.id === id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['create', 'start', 'die']),
    )
    watch.stop()

    const listed = await docker.list(s.labels)
    expect(listed.ok && listed.value).toEqual([
      {
        id,
        name: s.name,
        labels: expect.objectContaining(s.labels),
        state: 'exited',
        createdAt: expect.any(Number),
        exitCode: 3,
      },
    ])
    expect(Math.abs((listed.ok ? listed.value[0]!.createdAt : 0) - before)).toBeLessThan(5000)

    // Following again from a given time replays from there.
    const since = logs.lines[5]!.time
    const again = collectLogs(docker, id, since)
    await waitFor('the replayed log', () => again.ends.length > 0)
    expect(again.lines.length).toBeGreaterThanOrEqual(3)
    expect(again.lines.every((l) => l.time >= since)).toBe(true)
  })

  it('stops and removes idempotently', async () => {
    const s = spec('stop', { jitConfig: jit(0, 30) })
    const started = await docker.runRunner(s)
    if (!started.ok) throw new Error(started.error.detail)
    const id = started.value.id
    const first = collectLogs(docker, id)
    await waitFor('the runner to start', () => first.lines.some((l) => l.text === 'sleeping 30'))
    const t0 = Date.now()
    expect(await docker.stop(id, 5)).toEqual({ ok: true, value: undefined })
    expect(Date.now() - t0).toBeLessThan(4000)
    expect((await raw.getContainer(id).inspect()).State.ExitCode).toBe(143)
    await waitFor('the log to end', () => first.ends.length > 0)
    expect(first.lines.at(-1)?.text).toBe('got SIGTERM')
    expect(await docker.stop(id, 1)).toEqual({ ok: true, value: undefined })
    expect(await docker.remove(id)).toEqual({ ok: true, value: undefined })
    expect(await docker.remove(id)).toEqual({ ok: true, value: undefined })
    expect(await docker.stop(id, 1)).toEqual({ ok: true, value: undefined })
    const listed = await docker.list(s.labels)
    expect(listed.ok && listed.value).toEqual([])
  })

  it('removes a container that was created but would not start', async () => {
    const s = spec('no-start', { image: BUSYBOX_BASE_IMAGE })
    const started = await docker.runRunner(s)
    expect(started.ok).toBe(false)
    if (started.ok) return
    expect(started.error.message).toMatch(/could not start the runner container/)
    expect(JSON.stringify(started.error)).not.toContain(s.jitConfig)
    const listed = await docker.list(s.labels)
    expect(listed.ok && listed.value).toEqual([])
  })

  it('answers a taken name with conflict, and an invalid spec before Docker sees it', async () => {
    const s = spec('conflict', { jitConfig: jit(0, 0) })
    expect((await docker.runRunner(s)).ok).toBe(true)
    const twice = await docker.runRunner(s)
    expect(!twice.ok && twice.error.kind).toBe('conflict')
    expect(JSON.stringify(twice)).not.toContain(s.jitConfig)
    const invalid = await docker.runRunner({ ...spec('invalid'), name: 'no spaces allowed' })
    expect(!invalid.ok && invalid.error.kind).toBe('other')
  })

  it('uses a local-only image and fails fast, as not-found, for one that is nowhere', async () => {
    const progress: unknown[] = []
    expect(await docker.ensureImage(BUSYBOX_RUNNER_IMAGE, (p) => progress.push(p))).toEqual({
      ok: true,
      value: { pulled: false },
    })
    expect(await docker.imagePresent(BUSYBOX_RUNNER_IMAGE)).toEqual({ ok: true, value: true })
    const missing = 'runnerdock-test/does-not-exist:latest'
    expect(await docker.imagePresent(missing)).toEqual({ ok: true, value: false })
    const t0 = Date.now()
    const pulled = await docker.ensureImage(missing, (p) => progress.push(p))
    expect(Date.now() - t0).toBeLessThan(10_000)
    expect(!pulled.ok && pulled.error.kind).toBe('not-found')
    expect(!pulled.ok && pulled.error.message).toMatch(
      /not on this machine and could not be pulled/,
    )
    expect(progress).toEqual([])
  })

  it('ends a log follow of an unknown container with not-found', async () => {
    const logs = collectLogs(docker, 'no-such-container-runnerdock')
    await waitFor('the end', () => logs.ends.length > 0)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(logs.ends).toEqual([expect.objectContaining({ kind: 'not-found' })])
  })
})

describe('DockerPort when Docker is not there', () => {
  it('answers unreachable fast when the socket does not exist', async () => {
    const port = await portFor({ DOCKER_HOST: 'unix:///tmp/nonexistent.sock' })
    const t0 = Date.now()
    const answers = await Promise.all([
      port.ping(),
      port.list(TEST_LABEL),
      port.runRunner(spec('unreachable')),
      port.ensureImage(BUSYBOX_RUNNER_IMAGE, () => undefined),
      port.remove('x'),
      port.stop('x', 1),
    ])
    expect(Date.now() - t0).toBeLessThan(1000)
    for (const answer of answers) {
      expect(answer.ok).toBe(false)
      expect(!answer.ok && answer.error).toMatchObject({
        kind: 'unreachable',
        message:
          'Docker is not running (could not reach unix:///tmp/nonexistent.sock). Start Docker, then try again.',
      })
    }
    const logs = collectLogs(port, 'x')
    await waitFor('the log end', () => logs.ends.length > 0)
    expect(logs.ends[0]?.kind).toBe('unreachable')
  })

  it('answers timeout within callTimeoutMs when the daemon accepts but never answers', async () => {
    const stalled = await startStalledDockerSocket()
    try {
      const port = await portFor({ DOCKER_HOST: stalled.dockerHost }, { callTimeoutMs: 300 })
      const timed = async <T>(call: Promise<T>) => {
        const t0 = Date.now()
        const answer = await call
        return { answer, ms: Date.now() - t0 }
      }
      const answers = await Promise.all([
        timed(port.ping()),
        timed(port.list(TEST_LABEL)),
        timed(port.runRunner(spec('stalled'))),
        timed(port.ensureImage(BUSYBOX_RUNNER_IMAGE, () => undefined)),
        timed(port.imagePresent(BUSYBOX_RUNNER_IMAGE)),
        timed(port.remove('x')),
        timed(port.stop('x', 0)),
      ])
      for (const { answer, ms } of answers) {
        expect(!answer.ok && answer.error.kind).toBe('timeout')
        expect(ms).toBeLessThan(800)
      }
      const logs = collectLogs(port, 'x')
      const connections: Array<{ connected: boolean }> = []
      const watch = port.watchEvents(
        TEST_LABEL,
        () => undefined,
        (c) => connections.push(c),
      )
      await waitFor('both to give up', () => logs.ends.length > 0 && connections.length > 0, 2000)
      watch.stop()
      expect(logs.ends[0]?.kind).toBe('timeout')
      expect(connections[0]).toMatchObject({ connected: false, failure: { kind: 'timeout' } })
      expect(stalled.connections()).toBeGreaterThan(0)
    } finally {
      await stalled.close()
    }
  })

  it('stops retrying and leaves no timer once a watch is stopped', async () => {
    const port = await portFor(
      { DOCKER_HOST: 'unix:///tmp/nonexistent.sock' },
      { events: { retryInitialMs: 20, retryMaxMs: 40 } },
    )
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const baseline = timers()
    const connections: unknown[] = []
    const watch = port.watchEvents(
      TEST_LABEL,
      () => undefined,
      (c) => connections.push(c),
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    // Retries keep failing the same way: reported once, not once per attempt.
    expect(connections).toEqual([
      { connected: false, failure: expect.objectContaining({ kind: 'unreachable' }) },
    ])
    watch.stop()
    watch.stop()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(timers()).toBeLessThanOrEqual(baseline)
  })
})

describe('DockerPort when Docker goes away and comes back', () => {
  it('reports the loss, reconnects, and delivers the events it missed', async () => {
    const proxy = await startDockerProxy(connection.socketPath ?? undefined)
    proxies.push(proxy)
    const port = await portFor(
      { DOCKER_HOST: proxy.dockerHost },
      { events: { retryInitialMs: 50, retryMaxMs: 200 } },
    )
    const labels = { ...TEST_LABEL, 'dev.runnerdock.test.case': 'reconnect' }
    const events: ContainerEvent[] = []
    const connections: Array<{ connected: boolean; failure?: DockerFailure }> = []
    const watch = port.watchEvents(
      labels,
      (e) => events.push(e),
      (c) => connections.push(c),
    )
    await waitFor('connected', () => connections.length === 1)
    expect(connections[0]).toEqual({ connected: true })

    const a = await docker.runRunner(spec('reconnect', { jitConfig: jit(0, 0) }))
    if (!a.ok) throw new Error(a.error.detail)
    await waitFor('a to die', () => events.some((e) => e.id === a.value.id && e.action === 'die'))

    await proxy.cut()
    await waitFor('the loss', () => connections.length === 2)
    expect(connections[1]).toMatchObject({ connected: false, failure: { kind: 'unreachable' } })

    const b = await docker.runRunner(spec('reconnect', { jitConfig: jit(5, 0) }))
    if (!b.ok) throw new Error(b.error.detail)
    await exited(b.value.id)
    expect(events.some((e) => e.id === b.value.id)).toBe(false)

    await proxy.restore()
    await waitFor('reconnected', () => connections.length === 3)
    expect(connections[2]).toEqual({ connected: true })
    await waitFor('b events replayed', () =>
      events.some((e) => e.id === b.value.id && e.action === 'die'),
    )
    expect(events.find((e) => e.id === b.value.id && e.action === 'die')?.exitCode).toBe(5)
    expect(events.filter((e) => e.id === b.value.id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['create', 'start', 'die']),
    )
    // Nothing seen before the loss comes twice.
    const aKeys = events.filter((e) => e.id === a.value.id).map((e) => `${e.action}@${e.time}`)
    expect(new Set(aKeys).size).toBe(aKeys.length)
    watch.stop()
  })

  it('ends a log follow with a failure when the connection breaks', async () => {
    const proxy = await startDockerProxy(connection.socketPath ?? undefined)
    proxies.push(proxy)
    const port = await portFor({ DOCKER_HOST: proxy.dockerHost })
    const started = await docker.runRunner(spec('log-loss', { jitConfig: jit(0, 30) }))
    if (!started.ok) throw new Error(started.error.detail)
    const logs = collectLogs(port, started.value.id)
    await waitFor('the runner to sleep', () => logs.lines.some((l) => l.text === 'sleeping 30'))
    await proxy.cut()
    await waitFor('the end', () => logs.ends.length > 0)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(logs.ends).toEqual([expect.objectContaining({ kind: 'unreachable' })])
    await docker.remove(started.value.id)
  })
})

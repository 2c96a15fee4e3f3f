import { describe, expect, it } from 'vitest'
import {
  exitCodeFromStatus,
  runnerCreateOptions,
  toContainerInfo,
  validateRunnerSpec,
} from './docker-containers'
import { dockerSinceFromNano, labelFilters, parseContainerEvent } from './docker-events'
import { PullProgressAggregator, pullStreamError } from './docker-image'
import { createJsonStreamParser } from './docker-json-stream'
import { dockerSinceFromMs } from './docker-logs'
import type { RunnerContainerSpec } from './docker-port'

// A `docker events` message as engine 20.10 (API 1.41) sends it.
const dieEvent = {
  status: 'die',
  id: 'c0ffee',
  from: 'runnerdock/runner:latest',
  Type: 'container',
  Action: 'die',
  Actor: {
    ID: 'c0ffee',
    Attributes: {
      'dev.runnerdock.installation': 'abc',
      exitCode: '3',
      image: 'runnerdock/runner:latest',
      name: 'runner-1',
    },
  },
  scope: 'local',
  time: 1714564800,
  timeNano: 1714564800123456789,
}
const dieText = JSON.stringify(dieEvent).replace('1714564800123456800', '1714564800123456789')

describe('createJsonStreamParser', () => {
  const messages = [
    '{"a":1}',
    '{"b":"with } and { and \\" inside"}',
    '{"c":{"d":[1,{"e":2}]}}',
    '{"f":"ü✓"}',
  ]
  const text = messages.join('\n') + '\n'

  it('finds every object wherever chunks are cut, with or without newlines between them', () => {
    for (const joined of [Buffer.from(text), Buffer.from(messages.join(''))]) {
      for (let i = 0; i <= joined.length; i++) {
        const seen: string[] = []
        const parser = createJsonStreamParser((_, raw) => seen.push(raw))
        parser.push(joined.subarray(0, i))
        parser.push(joined.subarray(i))
        expect(seen).toEqual(messages)
      }
    }
  })

  it('reports a malformed object instead of throwing', () => {
    const bad: string[] = []
    const good: unknown[] = []
    const parser = createJsonStreamParser(
      (value) => good.push(value),
      (raw) => bad.push(raw),
    )
    parser.push('{"a":tru}\n{"b":2}\n')
    expect(bad).toEqual(['{"a":tru}'])
    expect(good).toEqual([{ b: 2 }])
  })
})

describe('container events', () => {
  it('maps a die event with its exit code, labels and exact time', () => {
    const parsed = parseContainerEvent(JSON.parse(dieText), dieText)
    expect(parsed).toEqual({
      event: {
        id: 'c0ffee',
        action: 'die',
        labels: { 'dev.runnerdock.installation': 'abc' },
        time: 1714564800123,
        exitCode: 3,
      },
      timeNano: 1714564800123456789n,
    })
    expect(dockerSinceFromNano(1714564800123456789n)).toBe('1714564800.123456789')
    expect(dockerSinceFromNano(1714564800000000007n)).toBe('1714564800.000000007')
  })

  it('ignores other event types and keeps exitCode null for other actions', () => {
    const image = { ...dieEvent, Type: 'image' }
    expect(parseContainerEvent(image, JSON.stringify(image))).toBeNull()
    const start = { ...dieEvent, Action: 'start', status: 'start' }
    expect(parseContainerEvent(start, JSON.stringify(start))?.event.exitCode).toBeNull()
    expect(parseContainerEvent('nope', 'nope')).toBeNull()
  })

  it('builds label filters', () => {
    expect(labelFilters({ a: '1', 'b.c': 'x=y' })).toEqual(['a=1', 'b.c=x=y'])
  })
})

describe('log since', () => {
  it('formats epoch ms as Docker seconds.nanoseconds', () => {
    expect(dockerSinceFromMs(1714564800123)).toBe('1714564800.123000000')
    expect(dockerSinceFromMs(1714564800000)).toBe('1714564800.000000000')
  })
})

describe('PullProgressAggregator', () => {
  it('sums download bytes across layers and counts finished layers whole', () => {
    const aggregator = new PullProgressAggregator()
    const feed = [
      { status: 'Pulling from actions/actions-runner', id: 'latest' },
      { status: 'Pulling fs layer', id: 'l1', progressDetail: {} },
      { status: 'Pulling fs layer', id: 'l2', progressDetail: {} },
      { status: 'Already exists', id: 'l0', progressDetail: {} },
      { status: 'Downloading', id: 'l1', progressDetail: { current: 100, total: 1000 } },
      { status: 'Downloading', id: 'l2', progressDetail: { current: 50, total: 500 } },
      { status: 'Downloading', id: 'l1', progressDetail: { current: 600, total: 1000 } },
    ]
    let last = null
    for (const message of feed) last = aggregator.update(message)
    expect(last).toEqual({ currentBytes: 650, totalBytes: 1500, status: 'Downloading' })
    aggregator.update({ status: 'Download complete', id: 'l2', progressDetail: {} })
    // Extraction reports the layer size again: it must not count twice.
    const extracting = aggregator.update({
      status: 'Extracting',
      id: 'l2',
      progressDetail: { current: 200, total: 500 },
    })
    expect(extracting).toEqual({ currentBytes: 1100, totalBytes: 1500, status: 'Extracting' })
    aggregator.update({ status: 'Pull complete', id: 'l1', progressDetail: {} })
    const done = aggregator.update({ status: 'Status: Downloaded newer image for x:latest' })
    expect(done).toEqual({
      currentBytes: 1500,
      totalBytes: 1500,
      status: 'Status: Downloaded newer image for x:latest',
    })
    expect(aggregator.update({ no: 'status' })).toBeNull()
  })

  it('finds an error reported inside the pull stream', () => {
    expect(
      pullStreamError({ errorDetail: { message: 'manifest unknown' }, error: 'manifest unknown' }),
    ).toBe('manifest unknown')
    expect(pullStreamError({ status: 'Downloading' })).toBeNull()
  })
})

describe('runner containers', () => {
  const spec: RunnerContainerSpec = {
    name: 'runnerdock-abc-1',
    image: 'ghcr.io/actions/actions-runner:2.330.0',
    jitConfig: 'eyJjb25maWciOiJzZWNyZXQifQ==',
    labels: { 'dev.runnerdock.installation': 'abc' },
    cpus: 1.5,
    memoryMb: 2048,
    pidsLimit: 4096,
    networkMode: 'host',
    dockerSocket: true,
  }
  const logLimits = { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } }

  it('asks for no restart, the limits (no swap past memory), the socket and its group', () => {
    expect(runnerCreateOptions(spec, { hostPath: '/var/run/docker.sock', gid: 999 })).toEqual({
      name: 'runnerdock-abc-1',
      Image: 'ghcr.io/actions/actions-runner:2.330.0',
      Cmd: ['/home/runner/run.sh'],
      Env: ['ACTIONS_RUNNER_INPUT_JITCONFIG=eyJjb25maWciOiJzZWNyZXQifQ=='],
      Labels: { 'dev.runnerdock.installation': 'abc' },
      Tty: false,
      HostConfig: {
        RestartPolicy: { Name: 'no' },
        AutoRemove: false,
        NanoCpus: 1_500_000_000,
        Memory: 2048 * 1024 * 1024,
        MemorySwap: 2048 * 1024 * 1024,
        PidsLimit: 4096,
        LogConfig: logLimits,
        NetworkMode: 'host',
        Binds: ['/var/run/docker.sock:/var/run/docker.sock'],
        GroupAdd: ['999'],
      },
    })
    const bare = runnerCreateOptions(
      { ...spec, cpus: null, memoryMb: null, pidsLimit: null, networkMode: null },
      null,
    )
    expect(bare.HostConfig).toEqual({
      RestartPolicy: { Name: 'no' },
      AutoRemove: false,
      LogConfig: logLimits,
    })
  })

  it('mounts the work folder at the same path, more binds, a socket source and a private cgroup namespace', () => {
    const options = runnerCreateOptions(
      {
        ...spec,
        dockerSocketSource: '/srv/jobs/rd-1/docker.sock',
        workFolder: '/srv/jobs/rd-1/work',
        extraBinds: ['/srv/jobs/rd-1/_diag:/home/runner/_diag', 'ext:/home/runner/externals:ro'],
        privateCgroupns: true,
      },
      { hostPath: '/srv/jobs/rd-1/docker.sock', gid: null },
    )
    expect(options.Env).toEqual([
      'ACTIONS_RUNNER_INPUT_JITCONFIG=eyJjb25maWciOiJzZWNyZXQifQ==',
      'RUNNER_WORKDIR=/srv/jobs/rd-1/work',
    ])
    expect(options.HostConfig).toMatchObject({
      Binds: [
        '/srv/jobs/rd-1/docker.sock:/var/run/docker.sock',
        '/srv/jobs/rd-1/work:/srv/jobs/rd-1/work',
        '/srv/jobs/rd-1/_diag:/home/runner/_diag',
        'ext:/home/runner/externals:ro',
      ],
      CgroupnsMode: 'private',
    })
    expect(options.HostConfig).not.toHaveProperty('GroupAdd')
  })

  it('refuses a spec Docker would refuse, without echoing the config', () => {
    expect(validateRunnerSpec(spec)).toBeNull()
    for (const bad of [
      { name: 'a' },
      { name: '-lead' },
      { name: 'has space' },
      { image: '' },
      { image: 'bad image?' },
      { jitConfig: '' },
      { cpus: 0 },
      { cpus: Number.NaN },
      { memoryMb: 2 },
      { labels: { '': 'x' } },
      { workFolder: 'relative/work' },
      { workFolder: '/a:b' },
      { dockerSocketSource: 'docker.sock' },
      { extraBinds: ['/only-a-source'] },
      { extraBinds: ['/a:relative'] },
    ]) {
      const failure = validateRunnerSpec({ ...spec, ...bad })
      expect(failure?.kind).toBe('other')
      expect(JSON.stringify(failure)).not.toContain(spec.jitConfig)
    }
  })

  it('maps listed containers and reads the exit code from the status text', () => {
    expect(exitCodeFromStatus('Exited (137) 5 seconds ago')).toBe(137)
    expect(exitCodeFromStatus('Up 2 minutes')).toBeNull()
    const info = toContainerInfo({
      Id: 'abc',
      Names: ['/runner-1'],
      Labels: { a: 'b' },
      State: 'exited',
      Status: 'Exited (3) 1 second ago',
      Created: 1714564800,
    } as unknown as Parameters<typeof toContainerInfo>[0])
    expect(info).toEqual({
      id: 'abc',
      name: 'runner-1',
      labels: { a: 'b' },
      state: 'exited',
      createdAt: 1714564800000,
      exitCode: 3,
    })
  })
})

import { describe, expect, it } from 'vitest'
import { validateRunnerSpec } from '../docker/docker-containers'
import { cacheSpec, countFrom, toolCachePath } from './cache-spec'

describe('toolCachePath', () => {
  it.each([
    [null, '/opt/hostedtoolcache'],
    [
      '/home/me/.config/runnerdock/jobs/rd-x/work',
      '/home/me/.config/runnerdock/jobs/rd-x/work/_tool',
    ],
    ['/w/', '/w/_tool'],
  ])('work folder %s -> %s', (work, path) => {
    expect(toolCachePath(work)).toBe(path)
  })
})

describe('cacheSpec', () => {
  const spec = cacheSpec({
    toolVolume: 'runnerdock-tools-rd-abcd1234-x1',
    cacheVolume: 'runnerdock-cache-abcd1234-0123456789ab-00mgx0a1b2c3d4',
    toolCache: '/opt/hostedtoolcache',
    hook: true,
  })

  it('mounts the private tool cache writable and the target cache read-only', () => {
    expect(spec.extraBinds).toEqual([
      'runnerdock-tools-rd-abcd1234-x1:/opt/hostedtoolcache',
      'runnerdock-cache-abcd1234-0123456789ab-00mgx0a1b2c3d4:/opt/runnerdock/cache:ro',
    ])
  })

  it('points the runner, setup-* actions and the action download at them', () => {
    expect(spec.env).toEqual([
      'RUNNER_TOOL_CACHE=/opt/hostedtoolcache',
      'AGENT_TOOLSDIRECTORY=/opt/hostedtoolcache',
      'ACTIONS_RUNNER_ACTION_ARCHIVE_CACHE=/opt/runnerdock/cache/actions',
      'ACTIONS_RUNNER_HOOK_JOB_STARTED=/opt/hostedtoolcache/.runnerdock/job-started.sh',
    ])
    const { env } = cacheSpec({ toolVolume: 't', cacheVolume: 'c', toolCache: '/x', hook: false })
    expect(env?.some((e) => e.startsWith('ACTIONS_RUNNER_HOOK_JOB_STARTED='))).toBe(false)
  })

  it('passes the runner spec checks', () => {
    const base = {
      name: 'rd-abcd1234-x1',
      image: 'ghcr.io/actions/actions-runner:latest',
      jitConfig: 'e30=',
      labels: {},
      cpus: null,
      memoryMb: null,
      networkMode: null,
      dockerSocket: false,
    }
    expect(validateRunnerSpec({ ...base, ...spec })).toBeNull()
  })
})

describe('countFrom', () => {
  it.each([
    ['linked 3\n', 'linked', 3],
    ['published node/20.1.0/x64\npublished 1\n', 'published', 1],
    ['published node/20.1.0/x64\n', 'published', 0],
    ['', 'linked', 0],
  ] as const)('%j', (output, word, n) => {
    expect(countFrom(output, word)).toBe(n)
  })
})

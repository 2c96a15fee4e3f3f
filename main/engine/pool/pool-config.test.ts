import { describe, expect, it } from 'vitest'
import { settingsHash, type PoolSettings } from './pool-config'

const base: PoolSettings = {
  installationId: 'abcd1234',
  apiUrl: 'https://api.github.com',
  labels: ['gpu', 'Linux'],
  runnerGroup: null,
  image: 'ghcr.io/actions/actions-runner:latest',
  cpus: 3,
  memoryMb: 8192,
  pidsLimit: 4096,
  networkMode: 'runnerdock-abcd1234',
  dockerAccess: false,
  caches: true,
}

describe('settingsHash', () => {
  it.each<[string, Partial<PoolSettings>]>([
    ['the image', { image: 'ghcr.io/actions/actions-runner:2.330.0' }],
    ['Docker access', { dockerAccess: true }],
    ['caches', { caches: false }],
    ['the network', { networkMode: 'host' }],
    ['the CPU limit', { cpus: null }],
    ['the memory limit', { memoryMb: 4096 }],
    ['the process limit', { pidsLimit: null }],
    ['a label', { labels: ['gpu'] }],
    ['the runner group', { runnerGroup: 'ci' }],
  ])('changes with %s, so a runner made otherwise is not adopted', (_what, change) => {
    expect(settingsHash({ ...base, ...change })).not.toBe(settingsHash(base))
  })

  it('ignores label case and order, and what does not shape a container', () => {
    expect(
      settingsHash({ ...base, labels: ['linux', 'GPU'], apiUrl: 'https://ghe.example/api/v3' }),
    ).toBe(settingsHash(base))
  })
})

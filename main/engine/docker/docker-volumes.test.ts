import type Dockerode from 'dockerode'
import { describe, expect, it } from 'vitest'
import { createDockerContext } from './docker-call'
import type { DockerConnection } from './docker-connection'
import { isVolumeName, listVolumes } from './docker-volumes'

/** A context over a fake client whose volume list ignores filters, as an engine may. */
function contextListing(volumes: { Name: string; Labels: Record<string, string> }[]) {
  const docker = { listVolumes: async () => ({ Volumes: volumes }) } as unknown as Dockerode
  return createDockerContext({
    docker,
    constructionError: null,
    connection: { endpoint: 'unix:///fake.sock' } as DockerConnection,
    callTimeoutMs: 1000,
    platform: 'linux',
  })
}

describe('listVolumes', () => {
  it('keeps only volumes carrying every label (Podman 4.3 answers volumes with any of them)', async () => {
    const context = contextListing([
      { Name: 'mine', Labels: { a: '1', b: '2' } },
      { Name: 'other-b', Labels: { a: '1', b: '3' } },
      { Name: 'no-b', Labels: { a: '1' } },
    ])
    const listed = await listVolumes(context, { labels: { a: '1', b: '2' } })
    expect(listed.ok && listed.value.map((v) => v.name)).toEqual(['mine'])
    const named = await listVolumes(context, { nameContains: 'o' })
    expect(named.ok && named.value).toHaveLength(3)
  })
})

describe('isVolumeName', () => {
  it.each([
    ['runnerdock-cache-abcd1234-0123456789ab-00mgx0a1b2c3d4', true],
    ['runnerdock-tools-rd-abcd1234-x1', true],
    ['../etc', false],
    ['a', false],
    ['with space', false],
  ])('%s: %s', (name, valid) => {
    expect(isVolumeName(name)).toBe(valid)
  })
})

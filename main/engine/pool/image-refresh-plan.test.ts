import { describe, expect, it } from 'vitest'
import { decideImageRefresh, IMAGE_MAX_AGE_MS, imageAgeDays } from './image-refresh-plan'

const local = {
  id: 'sha256:1',
  createdAt: 0,
  repoDigests: ['ghcr.io/actions/actions-runner@sha256:aaa'],
}
const now = 10 * IMAGE_MAX_AGE_MS

describe('decideImageRefresh', () => {
  it.each([
    ['the registry holds the local digest', local, 'sha256:aaa', 0, { kind: 'current' }],
    ['the tag moved', local, 'sha256:bbb', now, { kind: 'pull', why: 'tag-moved' }],
    [
      'not here yet (the pool pulls it first)',
      null,
      'sha256:aaa',
      0,
      { kind: 'pull', why: 'tag-moved' },
    ],
    ['built here', { ...local, repoDigests: [] }, null, 0, { kind: 'local-build' }],
    ['registry silent, confirmed an hour ago', local, null, now - 3_600_000, { kind: 'current' }],
    ['registry silent, never confirmed', local, null, 0, { kind: 'pull', why: 'unchecked-a-day' }],
    [
      'registry silent, a day since',
      local,
      null,
      now - IMAGE_MAX_AGE_MS,
      { kind: 'pull', why: 'unchecked-a-day' },
    ],
  ] as const)('%s', (_name, facts, remote, confirmedAt, expected) => {
    expect(decideImageRefresh({ local: facts, remote, confirmedAt, now })).toEqual(expected)
  })

  it('counts whole days since the build', () => {
    expect(imageAgeDays({ ...local, createdAt: now - 8.5 * 86_400_000 }, now)).toBe(8)
    expect(imageAgeDays({ ...local, createdAt: null }, now)).toBeNull()
    expect(imageAgeDays(null, now)).toBeNull()
  })
})

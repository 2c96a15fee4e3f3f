import { describe, expect, it } from 'vitest'
import { archiveFile, MAX_ARCHIVES_PER_JOB, MissedArchives, tarballUrl } from './action-archives'

const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683'
const OTHER = 'a'.repeat(40)
const checked = (name: string, sha = SHA) =>
  `[WORKER 2026-11-29 21:00:00Z INFO ActionManager] Check if action archive '${name}@${sha}' already exists in cache directory '/opt/runnerdock/cache/actions'`
const found = (file: string) =>
  `[WORKER 2026-11-29 21:00:01Z INFO ActionManager] Found action archive '/opt/runnerdock/cache/actions/${file}' in cache directory '/opt/runnerdock/cache/actions'`

describe('MissedArchives', () => {
  it('lists what the runner looked for and did not find', () => {
    const seen = new MissedArchives()
    for (const line of [
      checked('actions/checkout'),
      checked('my-org/setup_thing.v2', OTHER),
      found(`actions_checkout/${SHA}.tar.gz`),
      checked('actions/checkout'),
      'Download action repository ’actions/cache@v4’ (SHA:…)',
    ])
      seen.read(line)
    expect(seen.missed()).toEqual([{ owner: 'my-org', repo: 'setup_thing.v2', sha: OTHER }])
  })

  it.each([
    ['not the worker', checked('a/b').replace('[WORKER', '[RUNNER')],
    ['a short sha', checked('a/b', 'abc')],
    ['a path in the name', checked('a/../b')],
    ['a dot repository', checked('a/..')],
    ['an owner with an underscore', checked('a_b/c')],
  ])('ignores %s', (_, line) => {
    const seen = new MissedArchives()
    seen.read(line)
    expect(seen.missed()).toEqual([])
  })

  it(`fetches at most ${MAX_ARCHIVES_PER_JOB} after one job`, () => {
    const seen = new MissedArchives()
    for (let i = 0; i < 500; i++) seen.read(checked(`o/r${i}`))
    expect(seen.missed()).toHaveLength(MAX_ARCHIVES_PER_JOB)
  })
})

describe('where an archive goes and comes from', () => {
  const archive = { owner: 'actions', repo: 'checkout', sha: SHA }
  it('is named as the runner looks for it on Linux', () => {
    expect(archiveFile(archive)).toBe(`actions_checkout/${SHA}.tar.gz`)
  })
  it('comes from the API host the runners use', () => {
    expect(tarballUrl('https://api.github.com', archive)).toBe(
      `https://api.github.com/repos/actions/checkout/tarball/${SHA}`,
    )
    expect(tarballUrl('https://ghe.example.com/api/v3/', archive)).toBe(
      `https://ghe.example.com/api/v3/repos/actions/checkout/tarball/${SHA}`,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { leaves, maxLength, sample, seededRandom } from '../e2e/chaos/schema-sample'
import {
  channelOf,
  eventNames,
  exportedFileSchema,
  isMethodName,
  methodNames,
  methods,
  parseCall,
} from './contract'
import { formatTarget, parseTarget, targetSchema } from './target'
import { serverFrameSchema } from './wire'

// Malformed payloads for every method: each must be refused with a message naming the method.
const malformed: Record<keyof typeof methods, unknown[]> = {
  getState: [{ extra: 1 }, 'x', 42],
  start: [{ now: true }, []],
  stop: [{}, { mode: 'later' }, { mode: 'now', extra: 1 }],
  setDesired: [{}, { count: -1 }, { count: 1.5 }, { count: 65 }, { count: '3' }],
  retry: [{ x: 1 }],
  updateSettings: [
    {},
    { patch: { installationId: 'abcdefgh' } },
    { patch: { maxRunners: 0 } },
    { patch: { labels: ['a b'] } },
    { patch: { targets: [{ kind: 'repo' }] } },
  ],
  saveToken: [
    {},
    { token: '' },
    { token: 'short' },
    { token: 'ghp_aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbb' },
    { token: 42 },
  ],
  removeToken: [{ token: 'x' }],
  checkToken: [{ token: 'x' }],
  startDeviceFlow: [{ clientId: 'x' }],
  cancelDeviceFlow: [{ a: 1 }],
  suggestTargets: [{ q: 'x' }],
  discoverTargets: [{ all: true }],
  listJobs: [{ since: -1 }, { limit: 0 }],
  exportArc: [{ out: 'arc' }, { secretName: 'x' }, 'x', 42],
  saveArcExport: [{ folder: 'elsewhere' }, { files: [{ path: '../x', text: '' }] }, []],
  checkHealth: [{ now: true }, 'x'],
  readLogs: [{}, { runner: 5 }, { runner: null, limit: 0 }, { runner: null, afterSeq: -1 }],
  listCaches: [{ target: 'x' }, 'x'],
  clearCaches: [{ target: '' }, { target: 'x'.repeat(301) }, { target: 5 }, { all: true }],
  openExternal: [{}, { url: 'not a url' }, { url: 42 }],
  openLogs: [{}, { runner: 42 }, { runner: 'x'.repeat(101) }, { runner: null, extra: 1 }],
}

describe('contract', () => {
  it('has a malformed-input case for every method', () => {
    expect(Object.keys(malformed).sort()).toEqual([...methodNames].sort())
  })

  for (const method of methodNames) {
    it(`${method} rejects malformed payloads with a clear error`, () => {
      for (const input of malformed[method]) {
        const result = parseCall(method, input)
        expect(result.ok, JSON.stringify(input)).toBe(false)
        if (!result.ok) expect(result.message).toMatch(new RegExp(`^Invalid input for ${method}`))
      }
    })
  }

  it('accepts well-formed payloads', () => {
    expect(parseCall('setDesired', { count: 3 })).toEqual({ ok: true, input: { count: 3 } })
    expect(parseCall('getState', undefined)).toEqual({ ok: true, input: {} })
    expect(parseCall('saveToken', { token: ' ghp_0123456789abcdef0123456789abcdef0123 ' })).toEqual(
      { ok: true, input: { token: 'ghp_0123456789abcdef0123456789abcdef0123' } },
    )
    expect(
      parseCall('updateSettings', {
        patch: { targets: [{ kind: 'org', org: 'octo' }], maxRunners: 12 },
      }).ok,
    ).toBe(true)
  })

  it('knows its own names and nothing else', () => {
    expect(isMethodName('setDesired')).toBe(true)
    expect(isMethodName('__proto__')).toBe(false)
    expect(isMethodName('toString')).toBe(false)
    expect(channelOf('snapshot')).toBe('runnerdock:snapshot')
    expect(eventNames).toContain('logs')
  })

  it('keeps a settings patch partial: absent fields stay absent, never defaults', () => {
    expect(parseCall('updateSettings', { patch: { labels: ['gpu'] } })).toEqual({
      ok: true,
      input: { patch: { labels: ['gpu'] } },
    })
    expect(parseCall('updateSettings', { patch: { installationId: 'abcdefgh' } }).ok).toBe(false)
  })
})

describe('exported files', () => {
  it('are bare file names: nothing a download or a save could turn into another folder', () => {
    for (const path of ['octo-app.values.yaml', 'arc-guide.md', 'A_1.txt'])
      expect(exportedFileSchema.safeParse({ path, text: '' }).success, path).toBe(true)
    for (const path of [
      '../x',
      '/absolute.yaml',
      'a/b.yaml',
      'a\\b',
      '.hidden',
      '',
      'x'.repeat(256),
    ])
      expect(exportedFileSchema.safeParse({ path, text: '' }).success, path).toBe(false)
  })
})

describe('wire frames', () => {
  it('parses both result shapes and events, and rejects anything else', () => {
    expect(serverFrameSchema.safeParse({ type: 'result', id: 1, ok: true, value: 3 }).success).toBe(
      true,
    )
    expect(
      serverFrameSchema.safeParse({ type: 'result', id: 1, ok: false, error: 'no' }).success,
    ).toBe(true)
    expect(
      serverFrameSchema.safeParse({ type: 'event', event: 'snapshot', payload: {} }).success,
    ).toBe(true)
    expect(serverFrameSchema.safeParse({ type: 'result', id: 1, ok: false }).success).toBe(false)
    expect(serverFrameSchema.safeParse({ type: 'other' }).success).toBe(false)
  })
})

// What "unbounded" means here: anything a caller could use to make a host hold a megabyte.
const MEGABYTE = 1024 * 1024
const HUGE_STRINGS = [
  'a'.repeat(MEGABYTE),
  `https://github.com/${'a'.repeat(MEGABYTE)}`,
  ` ghp_${'a'.repeat(40)}${' '.repeat(MEGABYTE)}`,
  `${'1'.repeat(MEGABYTE)}`,
]

/** Every string or array position inside a value, as a path of keys and indexes. */
function positions(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [at]
  if (Array.isArray(value))
    return [at, ...value.flatMap((item, index) => positions(item, [...at, index]))]
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => positions(item, [...at, key]))
  return []
}

function replaced(value: unknown, at: (string | number)[], by: unknown): unknown {
  if (at.length === 0) return by
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >
  copy[at[0]!] = replaced(copy[at[0]!], at.slice(1), by)
  return copy
}

describe('contract input bounds', () => {
  for (const method of methodNames) {
    it(`${method}: every string and array in its input has a maximum, and a megabyte is refused`, () => {
      const schema = methods[method].input
      for (const leaf of leaves(schema)) {
        const where = `${method}.${leaf.path.join('.')}`
        expect(maxLength(leaf.schema), where).toBeLessThanOrEqual(4096)
        const huge =
          leaf.kind === 'string' ? HUGE_STRINGS : [Array.from({ length: 100_000 }, () => 'x')]
        for (const value of huge) expect(leaf.schema.safeParse(value).success, where).toBe(false)
      }
      // Whole inputs too: valid samples with a megabyte (or 100k items) at each position in turn.
      const random = seededRandom(method.length)
      for (let n = 0; n < 30; n++) {
        const input = sample(schema, random)
        expect(parseCall(method, input).ok, JSON.stringify(input)).toBe(true)
        for (const at of positions(input)) {
          const current = at.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], input)
          const by = Array.isArray(current)
            ? Array.from({ length: 100_000 }, () => current[0] ?? 'x')
            : HUGE_STRINGS[0]
          const result = parseCall(method, replaced(input, at, by))
          expect(result.ok, `${method} at ${at.join('.')}`).toBe(false)
        }
      }
    })
  }
})

describe('targets across the contract', () => {
  const names = [
    'octo',
    'o',
    'a-b',
    'a--b',
    '-a',
    'a-',
    'A1',
    'x'.repeat(39),
    'x'.repeat(40),
    'hello.world',
    'under_score',
    '.',
    '..',
    '...',
    '.hidden',
    'app.git',
    'a b',
    'é',
    '',
    'x'.repeat(100),
    'x'.repeat(101),
    'a/b',
    'a\nb',
    '%2e%2e',
  ]

  it('the schema accepts exactly the targets parseTarget produces', () => {
    for (const owner of names) {
      const org = { kind: 'org' as const, org: owner }
      const viaText = parseTarget(formatTarget(org))
      const same = viaText.ok && JSON.stringify(viaText.value) === JSON.stringify(org)
      expect(targetSchema.safeParse(org).success, JSON.stringify(org)).toBe(same)
      for (const repo of names) {
        const target = { kind: 'repo' as const, owner, repo }
        const parsed = parseTarget(formatTarget(target))
        const equal = parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(target)
        expect(targetSchema.safeParse(target).success, JSON.stringify(target)).toBe(equal)
      }
    }
  })

  it('is refused in a settings patch when parseTarget would refuse it', () => {
    expect(
      parseCall('updateSettings', { patch: { targets: [{ kind: 'org', org: '-bad' }] } }).ok,
    ).toBe(false)
    expect(
      parseCall('updateSettings', {
        patch: { targets: [{ kind: 'repo', owner: 'a', repo: '..' }] },
      }).ok,
    ).toBe(false)
    expect(
      parseCall('updateSettings', { patch: { targets: [{ kind: 'org', org: 'octo' }] } }).ok,
    ).toBe(true)
  })
})

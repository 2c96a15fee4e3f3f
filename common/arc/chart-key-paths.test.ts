import { describe, expect, it } from 'vitest'
import { chartKeyPaths, commentedBlocks, keyPathsOf } from './chart-key-paths'

const sample = `## explanation: not a key
realKey: ""
nested:
  # Example:
  # hidden: "under a real key, ignored"
  shown: 1

## maxRunners is the max number of runners.
# maxRunners: 5

# containerMode:
#   type: "dind"  ## type can be set to dind or kubernetes
#   ## the following is required when containerMode.type=kubernetes
#   claim:
#     accessModes: ["ReadWriteOnce"]
#
## (Variation C)
# realKey: pre-defined
# broken:
  # Available values: x
  # Prose line inside a block
template:
  ## template:
  ##   spec: {}
  spec: {}
`

describe('commentedBlocks', () => {
  it('puts commented-out top-level keys back as YAML, one block per key', () => {
    expect(commentedBlocks(sample)).toEqual([
      { key: 'maxRunners', yaml: 'maxRunners: 5' },
      {
        key: 'containerMode',
        yaml: [
          'containerMode:',
          '  type: "dind"  ## type can be set to dind or kubernetes',
          '  ## the following is required when containerMode.type=kubernetes',
          '  claim:',
          '    accessModes: ["ReadWriteOnce"]',
          '',
        ].join('\n'),
      },
      { key: 'realKey', yaml: 'realKey: pre-defined' },
      { key: 'broken', yaml: 'broken:\n  Available values: x\n  Prose line inside a block' },
    ])
  })
})

describe('chartKeyPaths', () => {
  it('merges real and commented keys with every kind seen, and names blocks it cannot read', () => {
    const { paths, unreadable } = chartKeyPaths(sample)
    expect(paths.get('realKey')).toEqual(new Set(['string']))
    expect(paths.get('nested.shown')).toEqual(new Set(['number']))
    expect(paths.has('nested.hidden')).toBe(false)
    expect(paths.get('maxRunners')).toEqual(new Set(['number']))
    expect(paths.get('containerMode.type')).toEqual(new Set(['string']))
    expect(paths.get('containerMode.claim.accessModes[]')).toEqual(new Set(['string']))
    expect(paths.has('template.spec')).toBe(true)
    expect(unreadable).toEqual(['broken'])
  })
})

describe('keyPathsOf', () => {
  it('names sequence items with [] and records kinds', () => {
    const paths = keyPathsOf({ a: [{ b: 1 }, { b: 'x', c: null }], d: true })
    expect([...paths.entries()]).toEqual([
      ['a', new Set(['seq'])],
      ['a[]', new Set(['map'])],
      ['a[].b', new Set(['number', 'string'])],
      ['a[].c', new Set(['null'])],
      ['d', new Set(['boolean'])],
    ])
  })
})

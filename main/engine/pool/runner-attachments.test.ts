import { describe, expect, it } from 'vitest'
import { err, ok } from '../../../common/result'
import { composeAttachments, mergeSpecExtras, type RunnerAttachments } from './runner-attachments'

const target = { kind: 'repo', owner: 'acme', repo: 'app' } as const

function part(name: string, log: string[], options: { fail?: boolean; adoptable?: boolean } = {}) {
  const attachments: RunnerAttachments = {
    adoptable: options.adoptable ?? true,
    workFolder: (runner) => (name === 'folders' ? `/jobs/${runner}/work` : null),
    attach: async ({ name: runner }) => {
      if (options.fail) return err(`${name} failed for ${runner}`)
      log.push(`attach ${name}`)
      return ok({
        spec: { extraBinds: [`/${name}:/${name}`], env: [`${name.toUpperCase()}=1`] },
        release: async () => (log.push(`release ${name}`), ok(undefined)),
      })
    },
    sweep: async (live) => (log.push(`sweep ${name} ${[...live].join(',')}`), ok(undefined)),
  }
  return attachments
}

describe('runner attachments', () => {
  it('sets up in order, merges the spec, releases in reverse', async () => {
    const log: string[] = []
    const both = composeAttachments([part('folders', log), part('cache', log)])
    expect(both.workFolder('rd-1')).toBe('/jobs/rd-1/work')
    const attached = await both.attach({ name: 'rd-1', target })
    expect(attached.ok && attached.value.spec).toEqual({
      extraBinds: ['/folders:/folders', '/cache:/cache'],
      env: ['FOLDERS=1', 'CACHE=1'],
    })
    if (attached.ok) await attached.value.release()
    expect(log).toEqual(['attach folders', 'attach cache', 'release cache', 'release folders'])
  })

  it('a failure part-way releases what was set up and says why', async () => {
    const log: string[] = []
    const both = composeAttachments([part('folders', log), part('cache', log, { fail: true })])
    expect(await both.attach({ name: 'rd-2', target })).toEqual(err('cache failed for rd-2'))
    expect(log).toEqual(['attach folders', 'release folders'])
  })

  it('is adoptable only if every part is, and sweeps every part', async () => {
    const log: string[] = []
    const both = composeAttachments([part('a', log), part('b', log, { adoptable: false })])
    expect(both.adoptable).toBe(false)
    await both.sweep(new Set(['rd-3']))
    expect(log).toEqual(['sweep a rd-3', 'sweep b rd-3'])
  })

  it('merging keeps both lists and lets later scalars win', () => {
    expect(
      mergeSpecExtras(
        { dockerSocket: false, extraBinds: ['/a:/a'] },
        { dockerSocket: true, env: ['X=1'] },
      ),
    ).toEqual({ dockerSocket: true, extraBinds: ['/a:/a'], env: ['X=1'] })
  })
})

import { describe, expect, it } from 'vitest'
import { ok, type Result } from '../../../common/result'
import type { GitHubFailure } from '../github/github-failure'
import { SpareRegistrations, type Spare } from './pool-spares'

function rig() {
  let n = 0
  const minting = new Map<string, (r: Result<Spare, GitHubFailure>) => void>()
  const discarded: string[] = []
  const spares = new SpareRegistrations(
    () => `rd-test-${++n}`,
    (name) => new Promise((resolve) => minting.set(name, resolve)),
    async (spare) => void discarded.push(spare.name),
  )
  const finish = async (name: string) => {
    minting.get(name)!(
      ok({
        name,
        runnerId: Number(name.split('-')[2]),
        encodedJitConfig: `cfg-${name}`,
        attached: null,
      }),
    )
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { spares, minting, discarded, finish }
}

describe('spare registrations', () => {
  it('mints up to the wanted count once, and hands them out in order', async () => {
    const { spares, minting, finish } = rig()
    spares.fill(2)
    spares.fill(2)
    expect([...minting.keys()]).toEqual(['rd-test-1', 'rd-test-2'])
    expect(spares.has('rd-test-1')).toBe(true)
    expect(spares.take()).toBeNull()
    await finish('rd-test-1')
    await finish('rd-test-2')
    expect(spares.take()?.name).toBe('rd-test-1')
    expect(spares.take()?.name).toBe('rd-test-2')
    expect(spares.take()).toBeNull()
    expect(spares.has('rd-test-1')).toBe(false)
  })

  it('deletes ready spares on clear, and spares that arrive after it', async () => {
    const { spares, discarded, finish } = rig()
    spares.fill(2)
    await finish('rd-test-1')
    let done = false
    const cleared = spares.clear().then(() => (done = true))
    await new Promise((resolve) => setImmediate(resolve))
    expect(discarded).toEqual(['rd-test-1'])
    expect(done).toBe(false) // a stop waits for the spare still minting
    await finish('rd-test-2')
    await cleared
    expect(discarded).toEqual(['rd-test-1', 'rd-test-2'])
    expect(spares.take()).toBeNull()
  })

  it('keeps only as many as are wanted: trims ready ones, and deletes one arriving beyond it', async () => {
    const { spares, discarded, finish } = rig()
    spares.fill(2)
    await finish('rd-test-1')
    await spares.trim(0)
    expect(discarded).toEqual(['rd-test-1'])
    await finish('rd-test-2')
    expect(discarded).toEqual(['rd-test-1', 'rd-test-2'])
    expect(spares.take()).toBeNull()
    spares.fill(1)
    await finish('rd-test-3')
    await spares.trim(1)
    expect(spares.take()?.name).toBe('rd-test-3')
  })

  it('hands a spare still minting to the runner that claims it, never to the ready list', async () => {
    const { spares, discarded, finish } = rig()
    spares.fill(1)
    const claim = spares.claim()
    expect(claim?.name).toBe('rd-test-1')
    expect(spares.claim()).toBeNull() // one claimer per spare
    spares.fill(1) // the claimed one no longer counts as on its way
    const cleared = spares.clear() // waits for what is minting; the claimed one stays its runner's
    await finish('rd-test-1')
    expect((await claim!.spare)?.name).toBe('rd-test-1')
    expect(spares.take()).toBeNull()
    await finish('rd-test-2')
    await cleared
    expect(discarded).toEqual(['rd-test-2'])
  })
})

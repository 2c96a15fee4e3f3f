import { describe, expect, it } from 'vitest'
import { CLAIM_HORIZON_MS, unclaimedQueue, type QueuedJob } from './queue-claims'

const NOW = 1_000_000
const never = () => false
const job = (name: string, queuedAt: number): QueuedJob => ({ name, queuedAt })
const claim = (runner: string, name: string, at = NOW - 1_000) => ({ runner, job: name, at })

describe('unclaimedQueue', () => {
  it('takes off, oldest first, the job of that name a runner took that no read has listed', () => {
    const queue = [job('build', 30), job('build', 10), job('test', 20)]
    expect(unclaimedQueue(queue, [claim('r1', 'build')], never, NOW)).toEqual([20, 30])
    expect(unclaimedQueue(queue, [claim('r1', 'build'), claim('r2', 'test')], never, NOW)).toEqual([
      30,
    ])
  })

  it('leaves the queue alone once a read lists the job with the runner that took it', () => {
    const listed = new Set(['r1'])
    const queue = [job('build', 10), job('build', 20)]
    const claims = [claim('r1', 'build'), claim('r2', 'build')]
    expect(unclaimedQueue(queue, claims, (name) => listed.has(name), NOW)).toEqual([20])
    expect(unclaimedQueue(queue, [claims[0]!], (name) => listed.has(name), NOW)).toEqual([10, 20])
  })

  it('takes nothing for a name nothing queued has, never goes below empty, counts a runner once', () => {
    expect(unclaimedQueue([job('build', 10)], [claim('r1', 'lint')], never, NOW)).toEqual([10])
    const many = [claim('r1', 'build'), claim('r2', 'build'), claim('r3', 'build')]
    expect(unclaimedQueue([job('build', 10)], many, never, NOW)).toEqual([])
    const twice = [claim('r1', 'build'), claim('r1', 'build')]
    expect(unclaimedQueue([job('build', 10), job('build', 20)], twice, never, NOW)).toEqual([20])
    expect(unclaimedQueue([], [], never, NOW)).toEqual([])
  })

  it('drops a claim older than the horizon (its job may have ended between two reads)', () => {
    const old = claim('r1', 'build', NOW - CLAIM_HORIZON_MS - 1)
    expect(unclaimedQueue([job('build', 10)], [old], never, NOW)).toEqual([10])
  })
})

// The bed both on-demand integration suites stand on: one emulator and the stand-in image per
// file, the emulator reset before each test, and each test's pool stopped, disposed and swept
// after it; plus three fresh repositories, the on-demand goal and a polling wait.
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import type { Target } from '../../common/target'
import type { PoolGoal } from '../../main/engine/pool/pool-config'
import { startEmulator, type Emulator } from '../emulator'
import { buildRunnerImage } from '../runner-image/build'
import { createTestPool, removeAll, type PoolUnderTest } from './pool-harness'
import { recordPool, type PoolRecord } from './pool-recorder'

/** The labels of the `runs-on` most workflows use. */
export const LINUX = ['self-hosted', 'linux', 'x64']

/** What a suite's tests reach through the bed. */
export interface DemandBed {
  readonly emulator: Emulator
  /** The current test's record of the runners its pool made. */
  readonly record: PoolRecord
  /** Starts this test's pool with `goal` (stopped and swept after the test). */
  startPool(goal: PoolGoal): Promise<PoolUnderTest>
}

/** Registers the suite's hooks; call once at the top of a test file. */
export function useDemandBed(timing: { demandActiveMs: number; demandQuietMs: number }): DemandBed {
  let emulator: Emulator | null = null
  let image = ''
  let current: PoolUnderTest | null = null
  let record: PoolRecord | null = null

  beforeAll(async () => {
    image = await buildRunnerImage()
    emulator = await startEmulator({ runnerOfflineAfterMs: 2000 })
  })
  beforeEach(() => emulator!.reset())
  afterEach(async () => {
    record?.stop()
    record = null
    if (!current) return
    const t = current
    current = null
    // Stopped first, so a creation still under way (a test failed mid-burst) cannot outlive the sweep.
    await Promise.race([t.pool.stop('now'), new Promise((resolve) => setTimeout(resolve, 20_000))])
    t.pool.dispose()
    await removeAll(t.installationId)
  })
  afterAll(() => emulator?.close())

  return {
    get emulator() {
      return emulator!
    },
    get record() {
      return record!
    },
    async startPool(goal) {
      const t = (current = await createTestPool({
        apiUrl: emulator!.url,
        image,
        config: timing,
      }))
      record = recordPool(t.pool)
      await t.startGoal(goal)
      return t
    },
  }
}

/** Three fresh repositories, so no test sees another's runners or jobs. */
export function freshRepos(): [
  Target & { kind: 'repo' },
  Target & { kind: 'repo' },
  Target & { kind: 'repo' },
] {
  const id = randomBytes(3).toString('hex')
  const repo = (name: string) => ({ kind: 'repo' as const, owner: 'octo', repo: `${name}-${id}` })
  return [repo('a'), repo('b'), repo('c')]
}

/** A pool on demand over `targets`. */
export function onDemand(
  targets: readonly Target[],
  options: { minIdle: number; idleTimeoutMs: number; max: number },
): PoolGoal {
  return {
    targets: targets.map((target) => ({ target, source: { kind: 'chosen' } })),
    mode: { kind: 'on-demand', minIdle: options.minIdle, idleTimeoutMs: options.idleTimeoutMs },
    max: options.max,
    allowPublic: [],
  }
}

/** Polls `check` every 100 ms until it holds, or fails after `timeoutMs` naming `what`. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

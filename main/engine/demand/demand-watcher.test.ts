import { afterEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../../common/clock'
import { DisposableStore } from '../../../common/disposables'
import { ok } from '../../../common/result'
import type { GitHubPort, WorkflowJobInfo } from '../github/github-port'
import { DemandWatcher } from './demand-watcher'

const REPO = { owner: 'octo', repo: 'a' }
const SLOW = { activeMs: 10_000, quietMs: 10_000, lingerMs: 10_000, concurrency: 2 }

function job(changes: Partial<WorkflowJobInfo>): WorkflowJobInfo {
  return {
    id: 1,
    runId: 7,
    name: 'build',
    workflowName: 'ci',
    status: 'queued',
    conclusion: null,
    labels: ['self-hosted'],
    runnerId: null,
    runnerName: null,
    createdAt: 1,
    startedAt: null,
    completedAt: null,
    htmlUrl: 'https://github.com/octo/a/actions/runs/7/job/1',
    headBranch: 'main',
    ...changes,
  }
}

/** GitHub with one run whose jobs a test sets; `hold` keeps the next runs list from answering. */
function fakeGitHub() {
  const state = {
    jobs: [] as WorkflowJobInfo[],
    runReads: 0,
    held: null as (() => void) | null,
    hold: false,
  }
  const github = {
    listRuns: async (_repo: unknown, status: string) => {
      if (status === 'queued') state.runReads++
      if (status === 'queued' && state.hold) {
        state.hold = false
        await new Promise<void>((resolve) => (state.held = resolve))
      }
      const active = state.jobs.some((j) => j.status !== 'completed')
      return ok({ changed: true, value: active && status === 'queued' ? [{ id: 7 }] : [] })
    },
    listRunJobs: async () => ok({ changed: true, value: state.jobs }),
  } as unknown as GitHubPort
  return { github, state }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
let disposables = new DisposableStore()
let watcher: DemandWatcher | null = null
afterEach(() => {
  watcher?.stop()
  disposables.dispose()
  disposables = new DisposableStore()
})

describe('DemandWatcher', () => {
  it('reads again at once when poked during a read (that read may predate the news)', async () => {
    const { github, state } = fakeGitHub()
    state.jobs = [job({})]
    state.hold = true
    watcher = new DemandWatcher(
      () => github,
      systemClock,
      () => disposables,
      () => {},
      SLOW,
    )
    watcher.watch([{ ref: REPO, targetKey: 'octo/a' }])
    await wait(20)
    expect(state.runReads).toBe(1)
    watcher.poke('octo/a') // a runner took the job while the first read was under way
    state.held!()
    await wait(50)
    expect(state.runReads).toBe(2)
    await wait(50)
    expect(state.runReads).toBe(2) // then the active interval again, not a loop
  })

  it('remembers the runners a read listed on a job, after the job leaves the lists', async () => {
    const { github, state } = fakeGitHub()
    state.jobs = [job({})]
    watcher = new DemandWatcher(
      () => github,
      systemClock,
      () => disposables,
      () => {},
      SLOW,
    )
    watcher.watch([{ ref: REPO, targetKey: 'octo/a' }])
    await wait(20)
    expect(watcher.hasListedRunner('r1')).toBe(false)
    state.jobs = [job({ status: 'in_progress', runnerName: 'r1' })]
    watcher.poke()
    await wait(20)
    expect(watcher.hasListedRunner('r1')).toBe(true)
    state.jobs = [job({ status: 'completed', runnerName: 'r1' })]
    for (let i = 0; i < 3; i++) {
      watcher.poke()
      await wait(20)
    }
    expect(watcher.demand()[0]?.jobs).toEqual([])
    expect(watcher.hasListedRunner('r1')).toBe(true)
  })
})

// Organization runner groups and public repositories (docs/github-facts.md, "Public repositories"):
// a group serves public repositories only when `allows_public_repositories` is on, a `private`
// group only private ones, a `selected` group only its repositories; repository runners serve
// their repository whatever its visibility. Checked where it matters: which runner gets the job.
import { describe, expect, it } from 'vitest'
import type { RunnerGroup, RunnerGroupList } from './github-types'
import type { Emulator } from './index'
import { useEmulator } from './test-emulator'
import { fields, type Requester } from './test-http'
import { registerRunner } from './test-runner'

let emulator: Emulator
let api: Requester

useEmulator((started) => ({ emulator, api } = started), { runnerLongPollMs: 200 })

const orgRunner = async (name: string, groupId = 1) => {
  const runner = await registerRunner(emulator.url, {
    name,
    labels: ['linux'],
    base: '/orgs/octo-org',
    groupId,
  })
  const session = await runner.openSession()
  return async () => (await runner.call('GET', `/sessions/${session}/message`)).line
}
const queue = (repo: string) =>
  emulator.queueJob({ org: 'octo-org', repo }, { name: repo, labels: ['linux'], script: 'true' })
const groups = async () =>
  (fields(await api('GET', '/orgs/octo-org/actions/runner-groups')) as RunnerGroupList)
    .runner_groups

describe('public repositories and organization runner groups', () => {
  it('keeps public repositories’ jobs from a group that does not allow them', async () => {
    emulator.setRepo({ owner: 'octo-org', repo: 'site', visibility: 'public' })
    const poll = await orgRunner('org-1')
    const id = queue('site')
    expect(await poll()).toBe('none')
    expect(emulator.job(id)?.status).toBe('queued')
    expect((await groups())[0]).toMatchObject({
      name: 'Default',
      allows_public_repositories: false,
    })

    // Updating Default by name: its runners now take the waiting job at once.
    const waiting = poll()
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(emulator.addRunnerGroup('octo-org', 'Default', { allowsPublicRepositories: true })).toBe(
      1,
    )
    expect(await waiting).toBe(`job ${id} site`)
    expect((await groups())[0]).toMatchObject({ allows_public_repositories: true })
  })

  it('lets a private-only group serve private and internal repositories, not public ones', async () => {
    const groupId = emulator.addRunnerGroup('octo-org', 'private-only', {
      visibility: 'private',
      allowsPublicRepositories: true,
    })
    emulator.setRepo({ owner: 'octo-org', repo: 'site', visibility: 'public' })
    emulator.setRepo({ owner: 'octo-org', repo: 'tools', visibility: 'internal' })
    const poll = await orgRunner('p-1', groupId)
    queue('site')
    const tools = queue('tools')
    expect(await poll()).toBe(`job ${tools} tools`)
    const group = (await groups()).find((g) => g.id === groupId) as RunnerGroup
    expect(group).toMatchObject({ visibility: 'private', allows_public_repositories: true })
  })

  it('lets a selected group serve only its repositories', async () => {
    const groupId = emulator.addRunnerGroup('octo-org', 'picked', {
      visibility: 'selected',
      selectedRepositories: ['App'],
    })
    const poll = await orgRunner('s-1', groupId)
    queue('other')
    const app = queue('app')
    expect(await poll()).toBe(`job ${app} app`)
    const group = (await groups()).find((g) => g.id === groupId)!
    expect(group.selected_repositories_url).toBe(
      `${emulator.url}/orgs/octo-org/actions/runner-groups/${groupId}/repositories`,
    )
  })

  it('lets a repository runner serve its public repository', async () => {
    emulator.setRepo({ owner: 'octo', repo: 'public-app', visibility: 'public' })
    const runner = await registerRunner(emulator.url, {
      name: 'r',
      labels: ['linux'],
      base: '/repos/octo/public-app',
    })
    const session = await runner.openSession()
    const id = emulator.queueJob(
      { owner: 'octo', repo: 'public-app' },
      { name: 'j', labels: ['linux'], script: 'true' },
    )
    expect((await runner.call('GET', `/sessions/${session}/message`)).line).toBe(`job ${id} j`)
  })
})

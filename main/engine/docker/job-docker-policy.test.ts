import { describe, expect, it } from 'vitest'
import {
  decideJobDockerRequest,
  JOB_LABELS,
  REFUSAL_PREFIX,
  type JobBounds,
  type JobDockerRequest,
} from './job-docker-policy'

const WORK = '/home/ana/.config/RunnerDock/jobs/rd-aaaa1111-0001/work'
const SOCKET = '/home/ana/.config/RunnerDock/jobs/rd-aaaa1111-0001/docker.sock'
const bounds: JobBounds = {
  runnerName: 'rd-aaaa1111-0001',
  installationId: 'aaaa1111',
  workFolder: WORK,
  translations: [
    { from: '/var/run/docker.sock', to: SOCKET },
    { from: '/home/runner/externals', to: 'runnerdock-externals-1a2b3c' },
  ],
  selfLabels: { 'dev.runnerdock.runner': 'rd-aaaa1111-0001' },
}
const decide = (request: JobDockerRequest) => decideJobDockerRequest(request, bounds)
const refused = (request: JobDockerRequest) => {
  const decision = decide(request)
  expect(decision.action).toBe('refuse')
  return decision.action === 'refuse' ? decision : null
}

describe('requests on existing objects', () => {
  const mine = { labels: { [JOB_LABELS.jobOf]: 'rd-aaaa1111-0001' } }
  const theirs = { labels: { [JOB_LABELS.jobOf]: 'rd-aaaa1111-0002' } }
  const runner = { labels: { 'dev.runnerdock.runner': 'rd-aaaa1111-0001' } }
  const otherRunner = { labels: { 'dev.runnerdock.runner': 'rd-aaaa1111-0002' } }

  it.each([
    ['GET', '/v1.41/containers/c/json', mine, 'forward'],
    ['GET', '/v1.41/containers/c/json', runner, 'forward'],
    ['GET', '/v1.41/containers/c/json', otherRunner, 'refuse'],
    ['POST', '/v1.41/containers/c/kill', theirs, 'refuse'],
    ['DELETE', '/v1.41/containers/c?force=1', theirs, 'refuse'],
    ['DELETE', '/v1.41/containers/c?force=1', 'missing', 'forward'],
    ['POST', '/v1.41/exec/e/start', mine, 'forward'],
    ['POST', '/v1.41/exec/e/start', theirs, 'refuse'],
    ['POST', '/v1.41/networks/n/connect', theirs, 'refuse'],
    ['DELETE', '/v1.41/volumes/v', mine, 'forward'],
    ['POST', '/v1.41/commit?container=c', otherRunner, 'refuse'],
  ] as const)('%s %s by %j: %s', (method, url, target, action) => {
    expect(decide({ method, url, target }).action).toBe(action)
  })

  it('says whose object it is not', () => {
    expect(refused({ method: 'POST', url: '/containers/db/stop', target: theirs })?.message).toBe(
      `${REFUSAL_PREFIX} the container "db" was not created by this job; a job may act only on the containers, networks and volumes it created.`,
    )
  })

  it('refuses when the proxy could not tell whose object it is', () => {
    expect(refused({ method: 'POST', url: '/containers/db/stop' })?.message).toMatch(
      /creator is unknown/,
    )
  })

  it('refuses a privileged exec and a start that carries settings', () => {
    expect(
      refused({
        method: 'POST',
        url: '/containers/c/exec',
        target: mine,
        body: { Cmd: ['sh'], privileged: true },
      })?.message,
    ).toMatch(/privileged exec/)
    expect(
      refused({
        method: 'POST',
        url: '/v1.23/containers/c/start',
        target: mine,
        body: { Privileged: true },
      })?.status,
    ).toBe(400)
    expect(decide({ method: 'POST', url: '/containers/c/start', target: mine, body: {} })).toEqual({
      action: 'forward',
    })
  })
})

describe('networks, volumes, prune, build and the rest', () => {
  it('labels networks and volumes', () => {
    for (const url of ['/v1.41/networks/create', '/v1.41/volumes/create'])
      expect(
        decide({ method: 'POST', url, body: { Name: 'n', Labels: { a: 'b' } } }),
      ).toMatchObject({
        action: 'forward',
        body: {
          Name: 'n',
          Labels: {
            a: 'b',
            [JOB_LABELS.jobOf]: 'rd-aaaa1111-0001',
            [JOB_LABELS.installation]: 'aaaa1111',
          },
        },
      })
  })

  it.each([
    [
      { Name: 'n', Driver: 'macvlan', Options: { parent: 'eth0' } },
      /bridge networks only, not "macvlan"/,
    ],
    [{ Name: 'n', Options: { 'com.docker.network.bridge.name': 'docker0' } }, /host bridge/],
  ])('refuses network %j', (body, message) => {
    expect(refused({ method: 'POST', url: '/networks/create', body })?.message).toMatch(message)
  })

  it.each([
    [{ Name: 'v', DriverOpts: { type: 'none', o: 'bind', device: '/etc' } }, /"device"/],
    [{ Name: 'v', DriverOpts: { type: 'none', o: 'rw,bind' } }, /o=bind/],
    [{ Name: 'v', Driver: 'nfs-plugin' }, /driver "nfs-plugin"/],
  ])('refuses volume %j', (body, message) => {
    expect(refused({ method: 'POST', url: '/volumes/create', body })?.message).toMatch(message)
  })

  it('scopes a prune to the job', () => {
    const decision = decide({
      method: 'POST',
      url: '/v1.41/networks/prune?filters=%7B%22until%22%3A%5B%2224h%22%5D%7D',
    })
    expect(decision.action).toBe('forward')
    const url = new URL(`http://x${(decision as { url: string }).url}`)
    expect(url.pathname).toBe('/v1.41/networks/prune')
    expect(JSON.parse(url.searchParams.get('filters')!)).toEqual({
      until: ['24h'],
      label: [`${JOB_LABELS.jobOf}=rd-aaaa1111-0001`],
    })
    expect(decide({ method: 'POST', url: '/containers/prune' })).toMatchObject({
      url: expect.stringContaining('job-of%3Drd-aaaa1111-0001'),
    })
  })

  it.each([
    ['POST', '/v1.41/build?networkmode=host', 'refuse'],
    ['POST', '/v1.41/build?t=app', 'forward'],
    ['POST', '/v1.41/images/create?fromImage=alpine', 'forward'],
    ['GET', '/v1.41/containers/json', 'forward'],
    ['POST', '/v1.41/plugins/pull', 'refuse'],
    ['POST', '/v1.41/swarm/init', 'refuse'],
    ['POST', '/v1.41/containers/../x', 'refuse'],
  ])('%s %s: %s', (method, url, action) => {
    expect(decide({ method, url }).action).toBe(action)
  })
})

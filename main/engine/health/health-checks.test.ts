import { describe, expect, it } from 'vitest'
import type { TokenState } from '../../../common/contract'
import { err, ok } from '../../../common/result'
import { defaultSettings, type Settings } from '../../../common/settings'
import { makeSnapshot } from '../../../common/testing/fixtures'
import type { DockerPort } from '../docker/docker-port'
import { HealthChecks } from './health-checks'

const noToken: TokenState = {
  host: 'github.com',
  webUrl: 'https://github.com',
  present: false,
  source: null,
  check: null,
  keychainProblem: null,
  newTokenUrl: 'https://github.com/settings/tokens/new',
}

function rig(settings: Partial<Settings> = {}) {
  let pings = 0
  let reachable = true
  let hold: Promise<void> = Promise.resolve()
  const port = {
    ping: async () => {
      pings++
      await hold
      return ok({ apiVersion: '1.41', os: 'linux', arch: 'amd64' })
    },
    imagePresent: async () => ok(false),
    networkExists: async (name: string) => ok(name === 'host'),
  } as unknown as DockerPort
  const checks = new HealthChecks({
    docker: async () =>
      reachable
        ? ok({ port, description: 'test' })
        : err({ kind: 'unreachable', message: 'Docker is not running.', detail: '' }),
    now: () => 100,
    settings: () => ({ ...defaultSettings(), installationId: 'abcd1234', ...settings }),
    token: async () => noToken,
  })
  return {
    checks,
    pings: () => pings,
    away: () => (reachable = false),
    holdPings: () => {
      let release!: () => void
      hold = new Promise((r) => (release = r))
      return () => release()
    },
  }
}

describe('HealthChecks', () => {
  it('checks Docker, the image and the network before any token, and learns the labels', async () => {
    const { checks } = rig({ networkMode: 'hots' })
    await checks.check()
    const snapshot = checks.apply(makeSnapshot(), noToken)
    expect(snapshot.health.docker).toMatchObject({ state: 'ok', checkedAt: 100 })
    expect(snapshot.health.image.summary).toMatch(/pulled at start/)
    expect(snapshot.health.network).toMatchObject({ state: 'problem' })
    expect(snapshot.labels).toEqual(['self-hosted', 'Linux', 'X64', 'runnerdock-abcd1234'])
  })

  it('says Docker is away and leaves the image unknown', async () => {
    const { checks, away } = rig()
    away()
    await checks.check()
    const { health } = checks.apply(makeSnapshot(), noToken)
    expect(health.docker).toMatchObject({ state: 'problem', problem: 'Docker is not running.' })
    expect(health.image.state).toBe('unknown')
  })

  it('runs one more check for requests made during a check, not one each', async () => {
    const { checks, pings, holdPings } = rig()
    const release = holdPings()
    const first = checks.check()
    expect(checks.check()).toBe(first)
    await new Promise((r) => setTimeout(r, 0))
    expect(pings()).toBe(1)
    const second = checks.check()
    const third = checks.check()
    expect(second).toBe(third)
    expect(second).not.toBe(first)
    release()
    await Promise.all([first, second, third])
    expect(pings()).toBe(2)
  })
})

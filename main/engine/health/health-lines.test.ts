import { describe, expect, it } from 'vitest'
import type { Check } from '../../../common/pool-status'
import { err, ok } from '../../../common/result'
import type { TokenCheck } from '../../../common/token-access'
import type { DockerFailure } from '../docker/docker-port'
import { dockerLine, freshestHealth, gitHubLine, imageLine, networkLine } from './health-lines'

const away: DockerFailure = { kind: 'unreachable', message: 'Docker is not running.', detail: '' }
const at = (state: Check['state'], checkedAt: number | null, summary: string = state): Check => ({
  state,
  summary,
  problem: null,
  checkedAt,
})

describe('health lines', () => {
  it('says whether Docker answers', () => {
    expect(dockerLine(ok({ apiVersion: '1.41' }), 5)).toEqual(at('ok', 5, 'Docker API 1.41'))
    expect(dockerLine(err(away), 5)).toMatchObject({
      state: 'problem',
      problem: 'Docker is not running.',
    })
  })

  it('says whether the image is here, will be pulled, cannot be a name, or is not known yet', () => {
    expect(imageLine('busybox', ok(true), 1)).toMatchObject({ state: 'ok', summary: 'busybox' })
    expect(imageLine('busybox:lates', ok(false), 1).summary).toMatch(/pulled at start/)
    expect(imageLine('Busy Box', ok(true), 1)).toMatchObject({ state: 'problem' })
    expect(imageLine('busybox', null, 1)).toMatchObject({ state: 'unknown', checkedAt: 1 })
  })

  it("has a network line only for a network other than Docker's default", () => {
    expect(networkLine(null, null, 1)).toBeUndefined()
    expect(networkLine('host', ok(true), 1)).toMatchObject({ state: 'ok' })
    expect(networkLine('hots', ok(false), 1)).toMatchObject({
      state: 'problem',
      problem: expect.stringMatching(/no network named "hots"/),
    })
    expect(networkLine('container:db', null, 1)).toMatchObject({ state: 'ok' })
  })

  it('reads GitHub from the token check', () => {
    const check = (status: TokenCheck['status']): TokenCheck => ({
      status,
      login: 'octocat',
      kind: 'classic',
      scopes: ['repo'],
      source: 'keychain',
      canRegister: status === 'valid',
      message: 'GitHub did not answer.',
      checkedAt: 9,
    })
    const api = 'https://api.github.com'
    expect(gitHubLine(null, api)).toMatchObject({ state: 'unknown', checkedAt: null })
    expect(gitHubLine(check('valid'), api)).toMatchObject({
      state: 'ok',
      summary: 'Reached https://api.github.com',
    })
    expect(gitHubLine(check('unreachable'), api)).toMatchObject({ state: 'problem' })
  })
})

describe('freshestHealth', () => {
  it('takes, line by line, whichever was checked last', () => {
    const pool = {
      docker: at('problem', 10),
      github: at('ok', 10),
      token: at('ok', 10),
      image: at('unknown', null),
    }
    const checked = { docker: at('ok', 20), github: at('unknown', null), image: at('ok', 5) }
    expect(freshestHealth(pool, checked)).toEqual({
      docker: at('ok', 20),
      github: at('ok', 10),
      token: at('ok', 10),
      image: at('ok', 5),
    })
    expect(freshestHealth(pool, { network: at('problem', 1) }).network).toEqual(at('problem', 1))
    expect(freshestHealth(pool, null)).toBe(pool)
  })
})

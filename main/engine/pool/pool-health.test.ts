import { describe, expect, it } from 'vitest'
import { gitHubFailureEffect, tokenHealth } from './pool-health'

describe('how a GitHub failure affects the pool', () => {
  it('blocks until the user acts on a rejected token or a missing permission', () => {
    expect(gitHubFailureEffect('unauthorized', 'octo/app')).toEqual({
      check: { key: 'token', summary: 'Token rejected' },
      block: { reason: 'token', forMs: null },
      backoff: false,
    })
    expect(gitHubFailureEffect('forbidden', 'octo/app').block?.reason).toBe('target')
    expect(gitHubFailureEffect('not-found', 'octo/app').check?.summary).toBe(
      'No runner access to octo/app',
    )
  })

  it('waits out a rate limit and backs off from transient failures', () => {
    expect(gitHubFailureEffect('rate-limited', 'octo').block).toEqual({
      reason: 'rate-limit',
      forMs: 60_000,
    })
    // A GitHub that cannot be reached or does not answer is asked again on a short clock, without
    // counting as a runner failure (nothing is wrong with the runners).
    for (const kind of ['network', 'unanswered'] as const)
      expect(gitHubFailureEffect(kind, 'octo')).toEqual({
        check: { key: 'github', summary: expect.stringMatching(/GitHub/) },
        block: { reason: 'github', forMs: 10_000 },
        backoff: false,
      })
    expect(gitHubFailureEffect('server', 'octo')).toEqual({
      check: null,
      block: null,
      backoff: true,
    })
  })
})

describe('the token line of a stopped pool', () => {
  const check = {
    status: 'valid' as const,
    login: 'octocat',
    kind: 'classic' as const,
    scopes: ['repo'],
    source: 'keychain' as const,
    canRegister: true,
    message: 'ok',
    checkedAt: 5,
  }
  it('says whether the token would work, or that there is none', () => {
    expect(tokenHealth(check, true)).toMatchObject({
      state: 'ok',
      summary: 'octocat may register runners',
    })
    expect(
      tokenHealth({ ...check, status: 'invalid', message: 'Revoked. Create a new token.' }, true),
    ).toMatchObject({
      state: 'problem',
      problem: 'Revoked. Create a new token.',
    })
    expect(tokenHealth(null, false)).toMatchObject({ state: 'unknown', summary: 'No token saved' })
  })
})

import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../common/settings'
import { makeAppState, makeToken, validToken } from '../test/fixtures'
import { startReadiness } from './start-readiness'

describe('startReadiness', () => {
  it('is ready with a token and a target, or discovery', () => {
    expect(startReadiness(makeAppState())).toEqual({ ready: true })
    expect(
      startReadiness({
        token: validToken(),
        settings: { ...defaultSettings(), discoverRepositories: true },
      }),
    ).toEqual({ ready: true })
  })

  it('names the one thing missing', () => {
    const none = { token: makeToken(), settings: defaultSettings() }
    expect(startReadiness(none)).toMatchObject({ reason: expect.stringMatching(/Choose where/) })
    expect(startReadiness({ ...none, token: validToken() })).toMatchObject({
      reason: 'Choose a repository or organization in the setup above.',
    })
    expect(startReadiness(makeAppState({ token: makeToken() }))).toMatchObject({
      reason: 'Add a GitHub token in the setup above.',
    })
    expect(
      startReadiness(makeAppState({ token: makeToken({ keychainProblem: 'Locked.' }) })),
    ).toMatchObject({ reason: expect.stringMatching(/keychain/) })
  })
})

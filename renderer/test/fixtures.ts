import type { AppState, TokenState } from '../../common/contract'
import type { LogEntry } from '../../common/log-entry'
import { makeSnapshot } from '../../common/testing/fixtures'
import { defaultSettings } from '../../common/settings'

export { makeRunner, makeSnapshot, makeTargetStatus } from '../../common/testing/fixtures'

/** A token state with no token saved. */
export function makeToken(overrides: Partial<TokenState> = {}): TokenState {
  return {
    host: 'github.com',
    webUrl: 'https://github.com',
    present: false,
    source: null,
    check: null,
    keychainProblem: null,
    newTokenUrl: 'https://github.com/settings/tokens/new?scopes=repo&description=RunnerDock',
    ...overrides,
  }
}

/** A valid saved token for octo/app. */
export function validToken(): TokenState {
  return makeToken({
    present: true,
    source: 'keychain',
    check: {
      status: 'valid',
      login: 'octocat',
      kind: 'classic',
      scopes: ['repo'],
      source: 'keychain',
      canRegister: true,
      message: 'The token of octocat can register runners on octo/app.',
      checkedAt: 1,
    },
  })
}

/** What getState answers on a fresh install with a target and a token. */
export function makeAppState(overrides: Partial<AppState> = {}): AppState {
  return {
    snapshot: makeSnapshot(),
    settings: { ...defaultSettings(), targets: [{ kind: 'repo', owner: 'octo', repo: 'app' }] },
    settingsWarning: null,
    token: validToken(),
    deviceFlow: { state: 'idle', available: false },
    host: 'headless',
    version: '0.1.0',
    ...overrides,
  }
}

/** `count` log lines of one runner starting at `firstSeq`. */
export function makeLogs(count: number, runner = 'runnerdock-1', firstSeq = 1): LogEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: firstSeq + i,
    runner,
    stream: 'stdout' as const,
    time: 1_000 + i,
    text: `line ${firstSeq + i}`,
  }))
}

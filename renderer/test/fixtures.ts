import type { AppState, TokenState } from '../../common/contract'
import type { LogEntry } from '../../common/log-entry'
import type { PoolSnapshot, RunnerView } from '../../common/pool-status'
import { defaultSettings } from '../../common/settings'

/** A runner in a given state, for tests. */
export function makeRunner(overrides: Partial<RunnerView> = {}): RunnerView {
  return {
    name: 'runnerdock-1',
    runnerId: 1,
    containerId: 'c1',
    phase: 'idle',
    ending: null,
    createdAt: 1_000,
    onlineAt: 2_000,
    job: null,
    problem: null,
    goneAt: null,
    ...overrides,
  }
}

/** A stopped pool's snapshot with nothing checked yet. */
export function makeSnapshot(overrides: Partial<PoolSnapshot> = {}): PoolSnapshot {
  const unknown = {
    state: 'unknown' as const,
    summary: 'Not checked yet',
    problem: null,
    checkedAt: null,
  }
  return {
    running: false,
    stopping: 'no',
    target: { kind: 'repo', owner: 'octo', repo: 'app' },
    apiUrl: 'https://api.github.com',
    desired: 1,
    maxRunners: 8,
    runners: [],
    recent: [],
    health: { docker: unknown, github: unknown, token: unknown, image: unknown },
    blocked: null,
    imagePull: null,
    lastStop: null,
    version: 1,
    ...overrides,
  }
}

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
    settings: { ...defaultSettings(), target: { kind: 'repo', owner: 'octo', repo: 'app' } },
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

import type { ActionResult, DeviceFlowState, TokenState } from '../../common/contract'
import { primaryTarget } from '../../common/settings'
import { parseApiUrl } from '../../common/target'
import { newTokenUrl, scopesToRequest } from '../../common/token-access'
import { pollForToken, requestDeviceCode } from './github/device-flow'
import { openGitHubSession, sessionForToken } from './github/github-session'
import type { TokenStore } from './secrets/token-store-port'
import type { Engine } from './engine'

/**
 * The token's life in the engine: checked before it is saved, kept only in the keychain and in
 * this process, described to UIs without ever being sent to them.
 */
export class TokenControl {
  state: TokenState = {
    host: 'github.com',
    webUrl: 'https://github.com',
    present: false,
    source: null,
    check: null,
    keychainProblem: null,
    newTokenUrl: newTokenUrl('https://github.com', null),
  }
  deviceFlow: DeviceFlowState = { state: 'idle', available: false }
  private flowAbort: AbortController | null = null

  constructor(
    private readonly engine: Engine,
    private readonly tokens: TokenStore,
  ) {}

  private where(): { apiUrl: string; host: string; webUrl: string } {
    const api = parseApiUrl(this.engine.settings.apiUrl)
    return api.ok
      ? api.value
      : { apiUrl: 'https://api.github.com', host: 'github.com', webUrl: 'https://github.com' }
  }

  private publish(next: TokenState): TokenState {
    this.state = next
    if (this.deviceFlow.state === 'idle')
      this.deviceFlow = { state: 'idle', available: this.engine.settings.oauthClientId !== null }
    this.engine.emit('token', next)
    return next
  }

  /** Re-reads the keychain and, with `check`, asks GitHub what the token may do. */
  async refresh(check: boolean): Promise<TokenState> {
    const { apiUrl, host, webUrl } = this.where()
    const target = primaryTarget(this.engine.settings)
    const base = { host, webUrl, newTokenUrl: newTokenUrl(webUrl, target) }
    const session = await openGitHubSession(this.tokens, apiUrl)
    if (!session.ok) {
      const keychainProblem = session.error.kind === 'keychain' ? session.error.message : null
      return this.publish({ ...base, present: false, source: null, check: null, keychainProblem })
    }
    this.engine.secrets.add(session.value.secret)
    const result = check ? await session.value.check(target) : this.state.check
    return this.publish({
      ...base,
      present: true,
      source: session.value.source,
      check: result,
      keychainProblem: null,
    })
  }

  /** Checks a pasted token with GitHub and saves it only if it may do what RunnerDock needs. */
  async save(token: string): Promise<ActionResult> {
    const { apiUrl, host } = this.where()
    const target = primaryTarget(this.engine.settings)
    const session = sessionForToken(apiUrl, host, { token, source: 'keychain' })
    this.engine.secrets.add(token)
    const check = await session.check(target)
    if (check.status !== 'valid' || (target !== null && !check.canRegister))
      return { ok: false, message: `Not saved: ${check.message}` }
    const saved = await this.tokens.set(host, token)
    if (!saved.ok) return { ok: false, message: `Not saved: ${saved.error.message}` }
    await this.refresh(false)
    this.publish({ ...this.state, check })
    await this.engine.onTokenChanged(session)
    return { ok: true }
  }

  /** Removes the saved token for the configured host. */
  async remove(): Promise<ActionResult> {
    const cleared = await this.tokens.clear(this.where().host)
    if (!cleared.ok) return { ok: false, message: cleared.error.message }
    await this.refresh(false)
    return { ok: true }
  }

  /** Starts GitHub's device flow; progress arrives as `deviceFlow` events. */
  async startDeviceFlow(): Promise<ActionResult> {
    const clientId = this.engine.settings.oauthClientId
    if (!clientId)
      return {
        ok: false,
        message:
          '"Sign in with GitHub" needs an OAuth app client id in Settings. Paste a token instead.',
      }
    this.cancelDeviceFlow()
    const { webUrl } = this.where()
    const code = await requestDeviceCode(
      webUrl,
      clientId,
      scopesToRequest(primaryTarget(this.engine.settings)),
    )
    if (!code.ok)
      return this.setFlow(
        { state: 'failed', message: code.error },
        { ok: false, message: code.error },
      )
    const abort = new AbortController()
    this.flowAbort = abort
    this.setFlow(
      {
        state: 'pending',
        userCode: code.value.userCode,
        verificationUri: code.value.verificationUri,
        expiresAt: code.value.expiresAt,
      },
      { ok: true },
    )
    void pollForToken(webUrl, clientId, code.value, abort.signal).then(async (result) => {
      if (abort.signal.aborted) return
      this.flowAbort = null
      if (!result.ok)
        return void this.setFlow({ state: 'failed', message: result.error }, { ok: true })
      const saved = await this.save(result.value)
      this.setFlow(
        saved.ok
          ? { state: 'approved', login: this.state.check?.login ?? null }
          : { state: 'failed', message: saved.message },
        saved,
      )
    })
    return { ok: true }
  }

  /** Settings changed: "Sign in with GitHub" appears or goes with the OAuth client id, at once. */
  settingsChanged(): void {
    if (this.deviceFlow.state !== 'idle') return
    const available = this.engine.settings.oauthClientId !== null
    if (this.deviceFlow.available !== available)
      this.setFlow({ state: 'idle', available }, { ok: true })
  }

  /** Cancels a device flow in progress. */
  cancelDeviceFlow(): ActionResult {
    if (this.flowAbort) {
      this.flowAbort.abort()
      this.flowAbort = null
      this.setFlow(
        { state: 'idle', available: this.engine.settings.oauthClientId !== null },
        { ok: true },
      )
    }
    return { ok: true }
  }

  private setFlow(state: DeviceFlowState, result: ActionResult): ActionResult {
    this.deviceFlow = state
    this.engine.emit('deviceFlow', state)
    return result
  }
}

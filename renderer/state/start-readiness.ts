import type { AppState } from '../../common/contract'

/** Whether Start can work now, and if not, the one thing missing (shown next to the button). */
export type StartReadiness =
  { readonly ready: true } | { readonly ready: false; readonly reason: string }

/**
 * Start needs a token and somewhere to register (a target, or discovery on). Pure, so the
 * dashboard and its tests agree on what "setup complete" means; the advice points at the setup
 * card on the same page, not at a command.
 */
export function startReadiness(state: Pick<AppState, 'token' | 'settings'>): StartReadiness {
  const { token, settings } = state
  const hasTarget = settings.targets.length > 0 || settings.discoverRepositories
  if (token.keychainProblem && !token.present)
    return { ready: false, reason: 'RunnerDock cannot read the keychain: see the setup above.' }
  if (!hasTarget && !token.present)
    return {
      ready: false,
      reason: 'Choose where runners register and add a GitHub token in the setup above.',
    }
  if (!hasTarget)
    return { ready: false, reason: 'Choose a repository or organization in the setup above.' }
  if (!token.present) return { ready: false, reason: 'Add a GitHub token in the setup above.' }
  return { ready: true }
}

import { powerSaveBlocker } from 'electron'
import type { PoolSnapshot } from '../../common/pool-status'
import { powerBlockerAction } from './power-policy'

/**
 * Keeps the machine from suspending while a runner runs a job ('prevent-app-suspension' lets the
 * display sleep). Returns the function that unsubscribes and releases the blocker.
 */
export function registerPowerSaveBlocker(options: {
  snapshot: () => PoolSnapshot
  onSnapshot: (listener: (s: PoolSnapshot) => void) => () => void
}): () => void {
  let blocker: number | null = null
  const apply = (snapshot: PoolSnapshot) => {
    const action = powerBlockerAction(blocker !== null, snapshot)
    if (action === 'start') blocker = powerSaveBlocker.start('prevent-app-suspension')
    else if (action === 'stop' && blocker !== null) {
      powerSaveBlocker.stop(blocker)
      blocker = null
    }
  }
  apply(options.snapshot())
  const unsubscribe = options.onSnapshot(apply)
  return () => {
    unsubscribe()
    if (blocker !== null) powerSaveBlocker.stop(blocker)
    blocker = null
  }
}

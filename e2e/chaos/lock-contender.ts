// A process that races for the pool lock when its parent says so (over IPC), for the tests that
// prove exactly one of several processes takes a stale lock. Messages:
//   { type: 'acquire', dir, at }  wait until the epoch-ms `at`, take the lock, answer 'acquired'
//   { type: 'release' }           release it if held, answer 'released'
// Usage: spawn(node, ['--import', 'tsx', 'e2e/chaos/lock-contender.ts'], { stdio: [..., 'ipc'] })
import { acquirePoolLock, type PoolLock } from '../../main/engine/pool-lock'

let lock: PoolLock | null = null

process.on('message', (message: { type: string; dir?: string; at?: number }) => {
  void (async () => {
    if (message.type === 'acquire') {
      while (Date.now() < (message.at ?? 0)) {
        // Spin: a timer would wake the racers milliseconds apart.
      }
      const started = performance.now()
      const result = await acquirePoolLock(message.dir!)
      const ms = performance.now() - started
      if (result.ok) lock = result.value
      process.send!({ type: 'acquired', ok: result.ok, error: result.ok ? null : result.error, ms })
    } else if (message.type === 'release') {
      await lock?.release()
      lock = null
      process.send!({ type: 'released' })
    }
  })()
})
process.send!({ type: 'ready' })

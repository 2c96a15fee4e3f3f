// `npm run emulator`: starts the GitHub API emulator, prints its URL as the first line of stdout
// (scripts read it), then serves until SIGINT/SIGTERM. It listens on a fixed port unless told
// otherwise, so the README's "Try it without GitHub" commands work as written.
import { parseArgs } from 'node:util'
import { dockerBridgeHost } from './bridge-host'
import { startEmulator } from './index'

/** The port `npm run emulator` listens on by default (the README's commands name it). */
export const DEFAULT_EMULATOR_PORT = 41234

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_EMULATOR_PORT) },
      host: { type: 'string' },
      'latency-ms': { type: 'string', default: '0' },
      'runner-offline-after-ms': { type: 'string' },
      'runner-base-url': { type: 'string' },
      'runner-startup-delay-ms': { type: 'string' },
    },
  })
  const number = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined
    const value = Number(text)
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`--${name} must be a number, got ${text}`)
    return value
  }
  const offline = number('runner-offline-after-ms', values['runner-offline-after-ms'])
  const startupDelay = number('runner-startup-delay-ms', values['runner-startup-delay-ms'])
  const host = values.host ?? (await dockerBridgeHost())
  const port = number('port', values.port)
  const emulator = await startEmulator({
    port,
    host,
    latencyMs: number('latency-ms', values['latency-ms']),
    ...(offline === undefined ? {} : { runnerOfflineAfterMs: offline }),
    ...(values['runner-base-url'] ? { runnerBaseUrl: values['runner-base-url'] } : {}),
    ...(startupDelay === undefined ? {} : { runnerStartupDelayMs: startupDelay }),
  })
  process.stdout.write(`${emulator.url}\n`)
  process.stderr.write(`GitHub API emulator listening; admin API at ${emulator.url}/_emulator\n`)
  const stop = (): void => void emulator.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  stopWhenOrphaned(stop)
}

/**
 * Stops when the process that started it goes: `kill %1` of `npm run emulator &` in a script
 * signals npm alone, which does not pass it on, so the emulator would keep its port forever.
 */
function stopWhenOrphaned(stop: () => void): void {
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) stop()
  }, 500).unref()
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException | null)?.code
  const message =
    code === 'EADDRINUSE'
      ? "The emulator's port is taken (is another emulator running?). Stop it, or choose a port: npm run emulator -- --port 41235 (--port 0 picks a free one)."
      : code === 'EADDRNOTAVAIL'
        ? 'This machine does not have the address the emulator tried to listen on. Give one with --host (e.g. --host 0.0.0.0).'
        : error instanceof Error
          ? error.message
          : String(error)
  process.stderr.write(`${message}\n`)
  process.exit(1)
})

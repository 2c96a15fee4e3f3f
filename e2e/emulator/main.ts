// `npm run emulator`: starts the GitHub API emulator, prints its URL as the first line of stdout
// (scripts read it), then serves until SIGINT/SIGTERM.
import { parseArgs } from 'node:util'
import { dockerBridgeHost } from './bridge-host'
import { startEmulator } from './index'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
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
  const emulator = await startEmulator({
    port: number('port', values.port),
    host: values.host ?? (await dockerBridgeHost()),
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
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})

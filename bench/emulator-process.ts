// The emulator in its own process, so the bench's CPU and memory figures are the engine's alone.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { connectEmulator, type EmulatorClient } from '../e2e/emulator/admin-client'

/** An emulator child process and its admin client. */
export interface EmulatorProcess {
  readonly url: string
  readonly admin: EmulatorClient
  close(): Promise<void>
}

/**
 * Starts `e2e/emulator/main.ts` on loopback with injected latency; resolves with its URL. The child
 * runs in its own process group, so a Ctrl-C on the bench does not kill it before the engine has
 * removed its runners' registrations (the engine retries a failed delete for a minute).
 */
export async function startEmulatorProcess(latencyMs: number): Promise<EmulatorProcess> {
  const root = path.resolve(__dirname, '..')
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'e2e/emulator/main.ts'),
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--latency-ms',
      String(latencyMs),
      '--runner-offline-after-ms',
      '5000',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  )
  // Never outlive the bench, however it ends (process.exit included).
  const killOnExit = () => void child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let errors = ''
  child.stderr!.on('data', (d: Buffer) => (errors += d.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().split('\n')[0]!.trim()))
    child.once('exit', (code) => reject(new Error(`The emulator exited (${code}): ${errors}`)))
  })
  return {
    url,
    admin: connectEmulator(url),
    close: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit)
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

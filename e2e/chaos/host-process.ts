// Starts and watches a fuzz host (fuzz-host.ts) in its own process: a crash is an exit.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const FUZZ_HOST = path.join(__dirname, 'fuzz-host.ts')

/** A running fuzz host, what it printed on stderr, and whether it has exited. */
export interface HostProcess {
  readonly child: ChildProcess
  readonly port: number
  readonly token: string
  readonly stderr: string[]
  exited(): boolean
  stop(): Promise<void>
}

/** Spawns a fuzz host and resolves once it listens. */
export function startHostProcess(): Promise<HostProcess> {
  // The host's renderer folder is made here and removed when the host exits (a crash included):
  // the host itself cannot clean up after a SIGKILL.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'runnerdock-fuzz-host-'))
  const child = spawn(process.execPath, ['--import', 'tsx', FUZZ_HOST, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  const stderr: string[] = []
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()))
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (!out.includes('\n')) return
      const ready = JSON.parse(out.split('\n')[0]!) as { port: number; token: string }
      resolve({
        child,
        port: ready.port,
        token: ready.token,
        stderr,
        exited: () => child.exitCode !== null || child.signalCode !== null,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGKILL')
          }),
      })
    })
    child.once('exit', (code) =>
      reject(new Error(`fuzz host exited (${code}): ${stderr.join('')}`)),
    )
  })
}

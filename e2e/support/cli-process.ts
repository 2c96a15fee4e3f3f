// The built `runnerdock` command as a child process a test can talk to and wait on (test code).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')
const BIN = path.join(ROOT, 'bin/runnerdock.js')

/** A running CLI process whose output a test can wait on. */
export interface CliProcess {
  readonly child: ChildProcess
  readonly output: () => string
  readonly exit: Promise<number | null>
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>
}

const children = new Set<ChildProcess>()

/** Builds the CLI bundle if a fresh checkout has none yet. */
export async function ensureCliBuilt(): Promise<void> {
  if (existsSync(path.join(ROOT, 'out/cli/runnerdock.cjs'))) return
  const built = spawn(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  await new Promise((resolve) => built.once('exit', resolve))
}

/** Starts `runnerdock args…` with `env`; stdout and stderr are collected together. */
export function runnerdock(args: string[], env: NodeJS.ProcessEnv, stdin?: string): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  children.add(child)
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  if (stdin !== undefined) child.stdin!.end(stdin)
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child)
      resolve(code)
    }),
  )
  return {
    child,
    exit,
    output: () => output,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now()
        const tick = setInterval(() => {
          if (pattern.test(output)) return (clearInterval(tick), resolve())
          if (Date.now() - started > timeoutMs || child.exitCode !== null) {
            clearInterval(tick)
            reject(new Error(`Waited for ${pattern} in:\n${output}`))
          }
        }, 50)
      }),
  }
}

/** Runs a command to its end. */
export async function runnerdockToEnd(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
): Promise<{ code: number | null; output: string }> {
  const c = runnerdock(args, env, stdin)
  const code = await c.exit
  return { code, output: c.output() }
}

/** Kills every CLI a test left running (afterAll). */
export function killAllCli(): void {
  for (const child of children) child.kill('SIGKILL')
}

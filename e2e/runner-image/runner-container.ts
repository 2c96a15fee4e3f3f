// Test harness for the stand-in runner image: mint a JIT config from the emulator, run a runner
// container the way RunnerDock does (Cmd /home/runner/run.sh, config in the environment, no
// restart policy, a host folder as its _diag), follow its output line by line as it happens, read
// the step output it writes to page files, and clean up what it created.
import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import Dockerode from 'dockerode'
import { classifyStdoutLine, NO_TRACE_MEMORY } from '../../common/runner-trace'
import { orderPages, parsePageName, readPageLine } from '../../main/engine/logs/page-lines'
import type { Emulator } from '../emulator'

/** Label on every container these specs create, so cleanup never touches anyone else's. */
export const TEST_LABEL = { 'dev.runnerdock.test': 'runner-image' } as const

/** One line of container output and when the harness saw it. */
export interface OutputLine {
  readonly stream: 'stdout' | 'stderr'
  readonly text: string
  readonly at: number
}

/** A running (or finished) runner container and its output so far. */
export interface RunnerContainer {
  readonly id: string
  readonly name: string
  readonly container: Dockerode.Container
  readonly lines: OutputLine[]
  /** `Date.now()` just before the start request. */
  readonly startRequestedAt: number
  /** Resolves with the first line matching `pattern` (waiting up to `timeoutMs`). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<OutputLine>
  /** Resolves with the exit code (rejects after `timeoutMs`). */
  exitCode(timeoutMs?: number): Promise<number>
  /** Lines of one stream, as text. */
  text(stream: 'stdout' | 'stderr'): string[]
  /** Stdout without the runner's trace: the terminal lines a user reads. */
  terminal(): string[]
  /** Stdout's trace lines (headers and their continuations). */
  trace(): string[]
  /** The host folder mounted as the runner's _diag (null when none was). */
  readonly diag: string | null
  /** Files in its _diag folder, by name. */
  diagFiles(): Promise<string[]>
  /** Every page file's lines, in the order the runner wrote them, stamps and byte order mark off. */
  pages(): Promise<{ readonly name: string; readonly raw: string; readonly lines: string[] }[]>
  /** All step output lines so far (every page, in order). */
  steps(): Promise<string[]>
  /** Resolves once a step output line matches `pattern` (waiting up to `timeoutMs`). */
  waitForStep(pattern: RegExp, timeoutMs?: number): Promise<string>
}

/** A freshly minted runner: its id, name and encoded JIT config. */
export interface MintedRunner {
  readonly id: number
  readonly name: string
  readonly encoded: string
}

/** Registers a repository runner through the REST API, as the app does. */
export async function mintRunner(
  emulator: Emulator,
  labels: readonly string[] = ['self-hosted', 'linux'],
  workFolder?: string,
): Promise<MintedRunner> {
  const name = `standin-${randomBytes(4).toString('hex')}`
  const response = await fetch(
    `${emulator.url}/repos/octo/app/actions/runners/generate-jitconfig`,
    {
      method: 'POST',
      headers: { Authorization: 'Bearer ghp_runnerimagespec', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name,
        runner_group_id: 1,
        labels,
        ...(workFolder === undefined ? {} : { work_folder: workFolder }),
      }),
    },
  )
  if (response.status !== 201) throw new Error(`generate-jitconfig: ${response.status}`)
  const body = (await response.json()) as { runner: { id: number }; encoded_jit_config: string }
  return { id: body.runner.id, name, encoded: body.encoded_jit_config }
}

/** Creates and starts runner containers and removes every one of them in `removeAll`. */
export class RunnerContainers {
  private readonly ids: string[] = []
  private readonly folders: string[] = []

  constructor(
    private readonly docker: Dockerode,
    private readonly image: string,
  ) {}

  /**
   * Starts a runner with the config in ACTIONS_RUNNER_INPUT_JITCONFIG or as `--jitconfig`, with a
   * host folder as its _diag as RunnerDock gives it (its pages/ made beforehand, open to uid 1001).
   */
  async start(
    encoded: string,
    via: 'env' | 'argv' = 'env',
    network = 'host',
  ): Promise<RunnerContainer> {
    const diag = await fsp.mkdtemp(path.join(os.tmpdir(), 'rd-standin-diag-'))
    this.folders.push(diag)
    await fsp.mkdir(path.join(diag, 'pages'))
    for (const folder of [diag, path.join(diag, 'pages')]) await fsp.chmod(folder, 0o777)
    return via === 'env'
      ? this.run({
          cmd: ['/home/runner/run.sh'],
          env: [`ACTIONS_RUNNER_INPUT_JITCONFIG=${encoded}`],
          diag,
          network,
        })
      : this.run({ cmd: ['/home/runner/run.sh', '--jitconfig', encoded], diag, network })
  }

  /** Starts a container of the image with any command, environment, user and _diag folder. */
  async run(options: {
    cmd: string[]
    env?: string[]
    user?: string
    diag?: string
    network?: string
  }): Promise<RunnerContainer> {
    const name = `runnerdock-standin-spec-${randomBytes(5).toString('hex')}`
    const diag = options.diag ?? null
    const container = await this.docker.createContainer({
      name,
      Image: this.image,
      Cmd: options.cmd,
      Env: options.env ?? [],
      ...(options.user === undefined ? {} : { User: options.user }),
      Labels: { ...TEST_LABEL },
      Tty: false,
      HostConfig: {
        NetworkMode: options.network ?? 'host',
        RestartPolicy: { Name: 'no' },
        AutoRemove: false,
        ...(diag ? { Binds: [`${diag}:/home/runner/_diag`] } : {}),
      },
    })
    this.ids.push(container.id)
    const lines: OutputLine[] = []
    const waiters: Array<() => void> = []
    const attached = (await container.attach({
      stream: true,
      stdout: true,
      stderr: true,
    })) as NodeJS.ReadableStream
    const follow = (stream: OutputLine['stream']) => {
      const pass = new PassThrough()
      let partial = ''
      pass.on('data', (chunk: Buffer) => {
        const parts = (partial + chunk.toString('utf8')).split('\n')
        partial = parts.pop() ?? ''
        for (const text of parts) lines.push({ stream, text, at: Date.now() })
        for (const wake of waiters.splice(0)) wake()
      })
      return pass
    }
    this.docker.modem.demuxStream(attached, follow('stdout'), follow('stderr'))
    const startRequestedAt = Date.now()
    await container.start()
    const waitForLine = (pattern: RegExp, timeoutMs = 10_000) =>
      new Promise<OutputLine>((resolve, reject) => {
        const timer = setTimeout(() => {
          const seen = lines.map((l) => `${l.stream}: ${l.text}`).join('\n')
          reject(new Error(`No line matching ${pattern} within ${timeoutMs} ms. Output:\n${seen}`))
        }, timeoutMs)
        const check = () => {
          const found = lines.find((l) => pattern.test(l.text))
          if (found) {
            clearTimeout(timer)
            resolve(found)
          } else waiters.push(check)
        }
        check()
      })
    const exitCode = async (timeoutMs = 10_000) => {
      const signal = AbortSignal.timeout(timeoutMs)
      const result = (await container.wait({ abortSignal: signal })) as { StatusCode: number }
      return result.StatusCode
    }
    const text = (stream: OutputLine['stream']) =>
      lines.filter((l) => l.stream === stream).map((l) => l.text)
    const split = () => {
      let memory = NO_TRACE_MEMORY
      const terminal: string[] = []
      const trace: string[] = []
      for (const line of text('stdout')) {
        const classified = classifyStdoutLine(line, memory)
        memory = classified.memory
        ;(classified.trace ? trace : terminal).push(line)
      }
      return { terminal, trace }
    }
    const diagFiles = async () => (diag ? (await fsp.readdir(diag)).sort() : [])
    const pages = async () => {
      if (!diag) return []
      const folder = path.join(diag, 'pages')
      const seen = []
      for (const file of await fsp.readdir(folder)) {
        if (!parsePageName(file)) continue
        const stat = await fsp.stat(path.join(folder, file))
        seen.push({ name: file, bornMs: stat.birthtimeMs || stat.ctimeMs })
      }
      const read = []
      for (const { name: file } of orderPages(seen)) {
        const raw = await fsp.readFile(path.join(folder, file), 'utf8')
        const body = raw.startsWith('\uFEFF') ? raw.slice(1) : raw
        const lines = body
          .split('\n')
          .slice(0, -1)
          .map((l) => readPageLine(l, 0).text)
        read.push({ name: file, raw, lines })
      }
      return read
    }
    const steps = async () => (await pages()).flatMap((p) => p.lines)
    const waitForStep = async (pattern: RegExp, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = (await steps()).find((l) => pattern.test(l))
        if (found !== undefined) return found
        if (Date.now() > deadline)
          throw new Error(
            `No step output line matching ${pattern} within ${timeoutMs} ms:\n${(await steps()).join('\n')}`,
          )
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    return {
      id: container.id,
      name,
      container,
      lines,
      startRequestedAt,
      waitForLine,
      exitCode,
      text,
      steps,
      waitForStep,
      terminal: () => split().terminal,
      trace: () => split().trace,
      diag,
      diagFiles,
      pages,
    }
  }

  /** Force-removes every container this instance created (already gone is fine), and its folders. */
  async removeAll(): Promise<void> {
    const ids = this.ids.splice(0)
    await Promise.all(
      ids.map((id) =>
        this.docker
          .getContainer(id)
          .remove({ force: true })
          .catch((error: { statusCode?: number }) => {
            if (error.statusCode !== 404) throw error
          }),
      ),
    )
    for (const folder of this.folders.splice(0))
      await fsp.rm(folder, { recursive: true, force: true })
  }
}

/** Polls `check` every 20 ms until it returns a value other than undefined, or fails. */
export async function eventually<T>(
  what: string,
  check: () => T | undefined,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value !== undefined) return value
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

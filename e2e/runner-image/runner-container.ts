// Test harness for the stand-in runner image: mint a JIT config from the emulator, run a runner
// container the way RunnerDock does (Cmd /home/runner/run.sh, config in the environment, no
// restart policy), follow its output line by line as it happens, and clean up what it created.
import { randomBytes } from 'node:crypto'
import { PassThrough } from 'node:stream'
import Dockerode from 'dockerode'
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

  constructor(
    private readonly docker: Dockerode,
    private readonly image: string,
  ) {}

  /** Starts a runner with the config in ACTIONS_RUNNER_INPUT_JITCONFIG or as `--jitconfig`. */
  start(encoded: string, via: 'env' | 'argv' = 'env'): Promise<RunnerContainer> {
    return via === 'env'
      ? this.run({
          cmd: ['/home/runner/run.sh'],
          env: [`ACTIONS_RUNNER_INPUT_JITCONFIG=${encoded}`],
        })
      : this.run({ cmd: ['/home/runner/run.sh', '--jitconfig', encoded] })
  }

  /** Starts a container of the image with any command, environment and user. */
  async run(options: { cmd: string[]; env?: string[]; user?: string }): Promise<RunnerContainer> {
    const name = `runnerdock-standin-spec-${randomBytes(5).toString('hex')}`
    const container = await this.docker.createContainer({
      name,
      Image: this.image,
      Cmd: options.cmd,
      Env: options.env ?? [],
      ...(options.user === undefined ? {} : { User: options.user }),
      Labels: { ...TEST_LABEL },
      Tty: false,
      HostConfig: { NetworkMode: 'host', RestartPolicy: { Name: 'no' }, AutoRemove: false },
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
    return {
      id: container.id,
      name,
      container,
      lines,
      startRequestedAt,
      waitForLine,
      exitCode,
      text,
    }
  }

  /** Force-removes every container this instance created (already gone is fine). */
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

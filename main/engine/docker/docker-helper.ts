import type Dockerode from 'dockerode'
import { ok, type Result } from '../../../common/result'
import type { DockerContext } from './docker-call'
import type { DockerFailure } from './docker-port'

// A throwaway container that runs one shell script over some volumes, as root, and is removed:
// how RunnerDock writes into volumes that live inside the daemon (which may be in a VM, so no host
// folder would do). Thin: the script is the caller's.

/** One volume given to the helper. */
export interface HelperMount {
  readonly volume: string
  readonly target: string
  readonly readOnly: boolean
  /** Labels for the volume should Docker have to create it (it was removed meanwhile). */
  readonly labels?: Readonly<Record<string, string>>
}

/** What to run. */
export interface HelperRun {
  /** An image present locally that has /bin/sh (the runner image). */
  readonly image: string
  readonly mounts: readonly HelperMount[]
  /** `sh -c` text; `args` are its $1, $2... */
  readonly script: string
  readonly args?: readonly string[]
  /** "NAME=value" entries (never a secret: the container's config is readable by any Docker user). */
  readonly env?: readonly string[]
  /** What it is doing, for failures ("publish the tool cache"). */
  readonly action: string
  readonly timeoutMs: number
  readonly labels: Readonly<Record<string, string>>
  /** A tar archive unpacked at `path` (inside one of the mounts) before the script starts. */
  readonly upload?: { readonly path: string; readonly tar: Buffer }
}

/** How it ended: its exit code and its last output (stdout and stderr together). */
export interface HelperResult {
  readonly exitCode: number
  readonly output: string
}

/** The most output kept: a helper prints a line per entry at most. */
const OUTPUT_LIMIT = 64 * 1024

/**
 * Runs the script in a container that can do little besides file work: no network, only the
 * capabilities to read any file and keep owners and modes, no new privileges. Removed afterwards
 * whatever happened.
 */
export async function runHelper(
  context: DockerContext,
  run: HelperRun,
): Promise<Result<HelperResult, DockerFailure>> {
  const created = await context.call(`create the container that will ${run.action}`, (signal) =>
    context.docker.createContainer({
      Image: run.image,
      User: '0',
      Entrypoint: ['/bin/sh', '-c', run.script, 'runnerdock-helper', ...(run.args ?? [])],
      Cmd: [],
      Env: [...(run.env ?? [])],
      Labels: { ...run.labels },
      Tty: true,
      HostConfig: {
        NetworkMode: 'none',
        CapDrop: ['ALL'],
        CapAdd: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER'],
        SecurityOpt: ['no-new-privileges'],
        Mounts: run.mounts.map((m) => ({
          Type: 'volume',
          Source: m.volume,
          Target: m.target,
          ReadOnly: m.readOnly,
          ...(m.labels ? { VolumeOptions: { Labels: { ...m.labels } } } : {}),
        })),
      },
      abortSignal: signal,
    } as Dockerode.ContainerCreateOptions),
  )
  if (!created.ok) return created
  const container = created.value
  try {
    const { upload } = run
    if (upload) {
      const put = await context.call(
        `copy files for the container that will ${run.action}`,
        (signal) =>
          (
            container.putArchive as (
              file: Buffer,
              o: { path: string; abortSignal: AbortSignal },
            ) => Promise<unknown>
          ).call(container, upload.tar, { path: upload.path, abortSignal: signal }),
      )
      if (!put.ok) return put
    }
    const started = await context.call(`start the container that will ${run.action}`, (signal) =>
      container.start({ abortSignal: signal }),
    )
    if (!started.ok) return started
    const waited = await context.call(
      run.action,
      (signal) =>
        (container.wait as (o: { abortSignal: AbortSignal }) => Promise<{ StatusCode: number }>)({
          abortSignal: signal,
        }),
      { timeoutMs: run.timeoutMs },
    )
    if (!waited.ok) return waited
    const logs = await context.call(
      `read what the container that will ${run.action} said`,
      (signal) =>
        (
          container.logs as (o: {
            stdout: boolean
            stderr: boolean
            follow: false
            tail: number
            abortSignal: AbortSignal
          }) => Promise<Buffer>
        )({ stdout: true, stderr: true, follow: false, tail: 200, abortSignal: signal }),
    )
    const output = logs.ok ? Buffer.from(logs.value).toString('utf8').slice(-OUTPUT_LIMIT) : ''
    return ok({ exitCode: waited.value.StatusCode, output: output.replace(/\r\n/g, '\n') })
  } finally {
    await context.call(`remove the container that will ${run.action}`, (signal) =>
      container.remove({ force: true, v: false, abortSignal: signal }).catch(() => undefined),
    )
  }
}

/** A helper that exited non-zero, as a failure naming what it was doing and its last words. */
export function helperFailure(action: string, result: HelperResult): DockerFailure {
  const last = result.output.trim().split('\n').slice(-3).join(' ').slice(0, 400)
  return {
    kind: 'other',
    message: `Could not ${action}${last ? `: ${last}` : ` (it exited with ${result.exitCode})`}.`,
    detail: `exit ${result.exitCode}: ${last}`,
  }
}

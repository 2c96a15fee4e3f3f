import Dockerode from 'dockerode'
import { ok, type Result } from '../../../common/result'
import {
  PROBE_SCRIPT,
  PROBE_TOOL_TIMEOUT_S,
  readProbeOutput,
  type ReachVerdict,
} from './api-reach-plan'
import type { DockerContext } from './docker-call'
import type { DockerConnection } from './docker-connection'
import { removeContainer } from './docker-containers'
import type { DockerFailure } from './docker-port'
import { dockerContextFor } from './create-docker-port'

/** What to probe: from a container of `image` on `network` (null: Docker's default), reach `url`. */
export interface ReachCheck {
  readonly image: string
  readonly network: string | null
  readonly url: string
}

/** Marks the probe's throwaway container, so a leftover is recognisable. */
export const PROBE_LABEL = 'dev.runnerdock.probe'

/**
 * Runs the probe (`PROBE_SCRIPT`) in a throwaway container, as a runner would sit: same image,
 * same network. Never pulls; the container is removed whatever happens. Docker failures come back
 * as values; the verdict itself is read by `readProbeOutput`.
 */
export async function checkApiReach(
  connection: DockerConnection,
  check: ReachCheck,
  options: { readonly callTimeoutMs?: number; readonly platform?: NodeJS.Platform } = {},
): Promise<Result<ReachVerdict, DockerFailure>> {
  const context = dockerContextFor(connection, options)
  const created = await context.call('create the network probe container', (signal) =>
    context.docker.createContainer({
      Image: check.image,
      Entrypoint: ['/bin/sh', '-c', PROBE_SCRIPT],
      Cmd: [],
      Env: [`RD_URL=${check.url}`],
      Labels: { [PROBE_LABEL]: 'api-reach' },
      Tty: true,
      HostConfig: {
        AutoRemove: false,
        ...(check.network ? { NetworkMode: check.network } : {}),
      },
      abortSignal: signal,
    } as Dockerode.ContainerCreateOptions),
  )
  if (!created.ok) return created
  const container = created.value
  try {
    return await runProbe(context, container)
  } finally {
    await removeContainer(context, container.id)
  }
}

async function runProbe(
  context: DockerContext,
  container: Dockerode.Container,
): Promise<Result<ReachVerdict, DockerFailure>> {
  const started = await context.call('start the network probe container', (signal) =>
    container.start({ abortSignal: signal }),
  )
  if (!started.ok) return started
  const waited = await context.call(
    'wait for the network probe',
    (signal) =>
      (container.wait as (o: { abortSignal: AbortSignal }) => Promise<{ StatusCode: number }>)({
        abortSignal: signal,
      }),
    // The tool's own timeout plus a container start on a slow engine.
    { timeoutMs: (PROBE_TOOL_TIMEOUT_S + 20) * 1000 },
  )
  if (!waited.ok) return waited
  const logs = await context.call('read the network probe output', (signal) =>
    (
      container.logs as (o: {
        stdout: boolean
        stderr: boolean
        follow: false
        abortSignal: AbortSignal
      }) => Promise<Buffer>
    )({ stdout: true, stderr: true, follow: false, abortSignal: signal }),
  )
  if (!logs.ok) return logs
  return ok(readProbeOutput(waited.value.StatusCode, Buffer.from(logs.value).toString('utf8')))
}

import type Dockerode from 'dockerode'
import { ok, type Result } from '../../../common/result'
import type { DockerContext } from './docker-call'
import type { DockerFailure } from './docker-port'

/** Docker's bridge option that stops containers on one network from reaching each other. */
export const ICC_OPTION = 'com.docker.network.bridge.enable_icc'

/** Whether a network of exactly this name exists. */
export async function networkExists(
  context: DockerContext,
  name: string,
): Promise<Result<boolean, DockerFailure>> {
  const listed = await context.call('list the Docker networks', (signal) =>
    context.docker.listNetworks({ filters: { name: [name] }, abortSignal: signal }),
  )
  if (!listed.ok) return listed
  return ok(listed.value.some((n) => n.Name === name))
}

/**
 * Creates our bridge network if missing, asking for inter-container communication off. An engine
 * that refuses the option (some Podman versions) gets a plain bridge, and `isolated: false` says so.
 */
export async function ensureNetwork(
  context: DockerContext,
  name: string,
  labels: Readonly<Record<string, string>>,
): Promise<Result<{ isolated: boolean }, DockerFailure>> {
  const listed = await context.call('list the Docker networks', (signal) =>
    context.docker.listNetworks({ filters: { name: [name] }, abortSignal: signal }),
  )
  if (!listed.ok) return listed
  const found = listed.value.find((n) => n.Name === name)
  if (found) return ok({ isolated: found.Options?.[ICC_OPTION] === 'false' })
  const create = (options: Record<string, string>) =>
    context.call('create the runners’ network', (signal) =>
      context.docker.createNetwork({
        Name: name,
        Driver: 'bridge',
        CheckDuplicate: true,
        Labels: { ...labels },
        Options: options,
        abortSignal: signal,
      } as Dockerode.NetworkCreateOptions),
    )
  const isolated = await create({ [ICC_OPTION]: 'false' })
  if (isolated.ok) return ok({ isolated: true })
  if (isolated.error.kind === 'conflict') return ok({ isolated: true }) // made meanwhile
  const plain = await create({})
  return plain.ok || plain.error.kind === 'conflict' ? ok({ isolated: false }) : plain
}

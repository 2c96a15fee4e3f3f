import type Dockerode from 'dockerode'
import { err, ok, type Result } from '../../../common/result'
import type { DockerContext } from './docker-call'
import type { DockerFailure } from './docker-port'

/** Docker's bridge option that stops containers on one network from reaching each other. */
export const ICC_OPTION = 'com.docker.network.bridge.enable_icc'

// Docker's own rule for network names (moby daemon/network: validNetworkName is [a-zA-Z0-9][a-zA-Z0-9_.-]).
const NETWORK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

/** Whether a string can name a Docker network, checked before it goes into a request path. */
export function isNetworkName(name: string): boolean {
  return NETWORK_NAME.test(name)
}

/**
 * Whether a network of that name (or id) exists, so a misspelled network is caught when settings
 * are saved rather than when every runner fails to start. Never creates one.
 */
export async function networkExists(
  context: DockerContext,
  name: string,
): Promise<Result<boolean, DockerFailure>> {
  if (!isNetworkName(name))
    return err({
      kind: 'other',
      message: `"${name}" is not a valid Docker network name. Use a name from "docker network ls", or leave it empty for Docker's default.`,
      detail: `invalid network name ${JSON.stringify(name)}`,
    })
  const found = await context.call('look up the Docker network', (signal) =>
    inspectNetwork(context, name, signal),
  )
  if (found.ok) return ok(true)
  return found.error.kind === 'not-found' ? ok(false) : found
}

// dockerode's Network.inspect takes no abort signal, so this dials the same endpoint with one.
function inspectNetwork(context: DockerContext, name: string, signal: AbortSignal) {
  return new Promise((resolve, reject) => {
    context.docker.modem.dial(
      {
        path: `/networks/${encodeURIComponent(name)}`,
        method: 'GET',
        abortSignal: signal,
        statusCodes: { 200: true, 404: 'no such network', 500: 'server error' },
      },
      (error: unknown, data: unknown) => (error ? reject(error) : resolve(data)),
    )
  })
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

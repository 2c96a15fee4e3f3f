// Where the emulator listens by default: an address both this machine and runner containers reach.
import Dockerode from 'dockerode'
import { readFile } from 'node:fs/promises'
import { networkInterfaces } from 'node:os'
import { bridgeAddress, parseLocalAddresses } from './bridge-address'

/**
 * Docker's bridge address when there is one: both this machine and runner containers on the
 * default bridge reach it, so `runnerdock up` works without `--network host`. Else loopback.
 */
export async function dockerBridgeHost(): Promise<string> {
  const [network, fibTrie] = await Promise.all([
    Promise.race([
      new Dockerode()
        .getNetwork('bridge')
        .inspect()
        .then((n: BridgeNetwork) => n)
        .catch(() => undefined),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000).unref()),
    ]),
    readFile('/proc/net/fib_trie', 'utf8').catch(() => ''),
  ])
  if (!network) return '127.0.0.1'
  const config = network.IPAM?.Config ?? []
  const address = bridgeAddress({
    ipamGateway: config.find((c) => c.Gateway)?.Gateway,
    ipamSubnet: config.find((c) => c.Subnet?.includes('.'))?.Subnet,
    interfaceName: network.Options?.['com.docker.network.bridge.name'],
    interfaces: networkInterfaces(),
    localAddresses: parseLocalAddresses(fibTrie),
  })
  return address ?? '127.0.0.1'
}

/** The parts of `docker network inspect bridge` the address comes from. */
interface BridgeNetwork {
  readonly IPAM?: { readonly Config?: ReadonlyArray<{ Gateway?: string; Subnet?: string }> }
  readonly Options?: Readonly<Record<string, string>>
}

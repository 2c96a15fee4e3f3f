// Where `npm run emulator` listens so that both this machine and runner containers on Docker's
// default bridge reach it: the bridge's gateway address. Docker does not always report it in the
// bridge network's IPAM config, while the bridge interface (docker0) still carries it
// (docs/platform-notes.md, "Docker's bridge address").
import type { NetworkInterfaceInfo } from 'node:os'
import { localAddressesFromFibTrie } from '../../main/engine/github/machine-addresses'

/** The interface Docker creates for its default bridge network unless told otherwise. */
export const BRIDGE_INTERFACE = 'docker0'

/** What this machine and Docker say about the default bridge. */
export interface BridgeFacts {
  /** `IPAM.Config[].Gateway` of Docker's `bridge` network, when Docker reports it. */
  readonly ipamGateway?: string
  /** `IPAM.Config[].Subnet` of the `bridge` network (e.g. `172.17.0.0/16`). */
  readonly ipamSubnet?: string
  /** The bridge's interface name (`com.docker.network.bridge.name`; default docker0). */
  readonly interfaceName?: string
  /** `os.networkInterfaces()`: lists only interfaces that are up and running. */
  readonly interfaces: Readonly<Record<string, readonly NetworkInterfaceInfo[] | undefined>>
  /** IPv4 addresses the kernel holds as local, down interfaces included (its fib_trie table). */
  readonly localAddresses: readonly string[]
}

/**
 * The default bridge's gateway: the IPAM gateway Docker reports; else the bridge interface's IPv4
 * address; else, since docker0 is down (so not listed) while no container is attached, the local
 * address inside the bridge's subnet; else null (no Docker bridge here).
 */
export function bridgeAddress(facts: BridgeFacts): string | null {
  const gateway = facts.ipamGateway?.trim().replace(/\/\d+$/, '')
  if (gateway) return gateway
  const bridge = facts.interfaces[facts.interfaceName ?? BRIDGE_INTERFACE] ?? []
  const listed = bridge.find((a) => a.family === 'IPv4' && !a.internal)?.address
  if (listed) return listed
  const subnet = facts.ipamSubnet
  return (subnet && facts.localAddresses.find((a) => inSubnet(a, subnet))) || null
}

/** The local IPv4 addresses in the kernel's fib_trie table (the engine's own reader). */
export const parseLocalAddresses = localAddressesFromFibTrie

/** Whether IPv4 `address` lies in `cidr` (`a.b.c.d/n`). */
export function inSubnet(address: string, cidr: string): boolean {
  const [base = '', bitsText = '32'] = cidr.split('/')
  const bits = Number(bitsText)
  const [a, b] = [toNumber(address), toNumber(base)]
  if (a === null || b === null || !Number.isInteger(bits) || bits < 0 || bits > 32) return false
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
  return (a & mask) >>> 0 === (b & mask) >>> 0
}

function toNumber(address: string): number | null {
  const parts = address.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null
  return parts.reduce((n, p) => n * 256 + p, 0)
}

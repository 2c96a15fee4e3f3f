// The emulator's listen address for `npm run emulator`: Docker's IPAM gateway when reported, else
// the bridge interface's IPv4 address, else the local address inside the bridge's subnet (docker0
// is down, so unlisted, while no container is attached: docs/platform-notes.md), else none.
import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { bridgeAddress, inSubnet, parseLocalAddresses } from './bridge-address'

const ipv4 = (address: string): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.0.0',
  family: 'IPv4',
  mac: '02:42:00:00:00:00',
  internal: false,
  cidr: `${address}/16`,
})
const ipv6: NetworkInterfaceInfo = {
  address: 'fe80::42:1',
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '02:42:00:00:00:00',
  internal: false,
  cidr: 'fe80::42:1/64',
  scopeid: 5,
}

// The shape of the kernel's fib_trie table (procfs) on a test machine with docker0 down.
const FIB_TRIE = `Main:
  +-- 0.0.0.0/0 3 0 5
     |-- 0.0.0.0
        /0 universe UNICAST
     +-- 127.0.0.0/8 2 0 2
        +-- 127.0.0.0/31 1 0 0
           |-- 127.0.0.0
              /8 host LOCAL
           |-- 127.0.0.1
              /32 host LOCAL
        |-- 127.255.255.255
           /32 link BROADCAST
     +-- 172.17.0.0/16 2 0 2
        |-- 172.17.0.0
           /16 link UNICAST
        |-- 172.17.0.1
           /32 host LOCAL
     |-- 192.0.2.2
        /32 host LOCAL
Local:
  +-- 0.0.0.0/0 3 0 5
     |-- 172.17.0.1
        /32 host LOCAL
`
const LOCAL = parseLocalAddresses(FIB_TRIE)
const UP = { lo: [ipv4('127.0.0.1')], eth0: [ipv4('192.0.2.2')] }

describe('bridgeAddress', () => {
  it('takes the IPAM gateway when Docker reports one', () => {
    expect(
      bridgeAddress({
        ipamGateway: '172.18.0.1',
        interfaces: { docker0: [ipv4('172.17.0.1')] },
        localAddresses: [],
      }),
    ).toBe('172.18.0.1')
  })

  it('takes the bridge interface’s IPv4 address when it is up and there is no gateway', () => {
    const interfaces = { ...UP, docker0: [ipv6, ipv4('172.17.0.1')], br0: [ipv4('10.9.0.1')] }
    expect(bridgeAddress({ interfaces, localAddresses: [] })).toBe('172.17.0.1')
    expect(bridgeAddress({ interfaceName: 'br0', interfaces, localAddresses: [] })).toBe('10.9.0.1')
  })

  it('finds docker0’s address among the local ones while docker0 is down', () => {
    expect(LOCAL).toEqual(['127.0.0.1', '172.17.0.1', '192.0.2.2'])
    expect(
      bridgeAddress({ ipamSubnet: '172.17.0.0/16', interfaces: UP, localAddresses: LOCAL }),
    ).toBe('172.17.0.1')
  })

  it('answers null without a Docker bridge', () => {
    expect(bridgeAddress({ interfaces: UP, localAddresses: LOCAL })).toBeNull()
    expect(
      bridgeAddress({
        ipamSubnet: '10.0.0.0/8',
        interfaces: { docker0: [ipv6] },
        localAddresses: LOCAL,
      }),
    ).toBeNull()
  })
})

describe('inSubnet', () => {
  it('compares the network bits only', () => {
    expect(inSubnet('172.17.0.1', '172.17.0.0/16')).toBe(true)
    expect(inSubnet('172.18.0.1', '172.17.0.0/16')).toBe(false)
    expect(inSubnet('10.1.2.3', '0.0.0.0/0')).toBe(true)
    expect(inSubnet('255.255.255.255', '255.255.255.255/32')).toBe(true)
    expect(inSubnet('nonsense', '172.17.0.0/16')).toBe(false)
  })
})

import { readFileSync } from 'node:fs'
import { networkInterfaces } from 'node:os'

/**
 * The local IPv4 addresses in /proc/net/fib_trie (each "|-- A.B.C.D" followed by "/32 host
 * LOCAL"): every address assigned to an interface, including one that is down.
 */
export function localAddressesFromFibTrie(text: string): string[] {
  const found = new Set<string>()
  const lines = text.split('\n')
  for (let i = 1; i < lines.length; i++) {
    if (!/^\s*\/32 host LOCAL\s*$/.test(lines[i]!)) continue
    const address = /\|-- (\d+\.\d+\.\d+\.\d+)\s*$/.exec(lines[i - 1]!)?.[1]
    if (address) found.add(address)
  }
  return [...found]
}

/** The IPv6 addresses in /proc/net/if_inet6 (32 hex digits, then index, prefix, scope, flags, name). */
export function addressesFromIfInet6(text: string): string[] {
  const found: string[] = []
  for (const line of text.split('\n')) {
    const hex = /^([0-9a-f]{32})\s/.exec(line.trim())?.[1]
    if (hex) found.push(hex.match(/.{4}/g)!.join(':'))
  }
  return found
}

/**
 * This machine's own addresses. `os.networkInterfaces()` leaves out interfaces without a carrier
 * (Docker's docker0 while no container runs: docs/platform-notes.md), so on Linux the kernel's
 * own tables are read too.
 */
export function thisMachineAddresses(): string[] {
  const addresses = Object.values(networkInterfaces()).flatMap((list) =>
    (list ?? []).map((a) => a.address),
  )
  if (process.platform === 'linux') {
    for (const [file, parse] of [
      ['/proc/net/fib_trie', localAddressesFromFibTrie],
      ['/proc/net/if_inet6', addressesFromIfInet6],
    ] as const) {
      try {
        addresses.push(...parse(readFileSync(file, 'utf8')))
      } catch {
        // Not readable here (a sandbox): networkInterfaces() is what is known.
      }
    }
  }
  return addresses
}

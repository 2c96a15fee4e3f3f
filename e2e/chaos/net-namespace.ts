// A named network namespace joined to the host by a veth pair, for a second Docker daemon that
// must not touch the host's network (docs/platform-notes.md). The namespace reaches the host at
// `hostAddress` (the host's end of the pair), so runner containers inside it (host networking =
// the namespace) can reach a server the test binds there; the host reaches the namespace at
// `innerAddress`. Its loopback is its own: the host's 127.0.0.1 is not reachable from inside.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { networkInterfaces } from 'node:os'

/** A namespace and its one link to the host, keeping the second daemon off the host's network. */
export interface NetNamespace {
  readonly name: string
  /** Where `ip netns` keeps the namespace, for `nsenter --net=` (a new dockerd joins it there). */
  readonly path: string
  /** The host's end of the veth pair (an address of this machine). */
  readonly hostAddress: string
  /** The namespace's end. */
  readonly innerAddress: string
  /** The host-side interface name. */
  readonly hostInterface: string
  /** Deletes the namespace (and with it the veth pair). */
  close(): Promise<void>
}

/** Runs a command; rejects with its stderr, so a failed `ip` call says why. */
export function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { timeout: 15_000 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`))
        : resolve(stdout),
    ),
  )
}

/** A /30 in 10.213.0.0/16 that no interface of this machine uses yet. */
function freeSubnet(): [string, string] {
  const used = new Set(
    Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .map((a) => a.address),
  )
  for (;;) {
    const third = randomBytes(1)[0]!
    const fourth = (randomBytes(1)[0]! & 0xfc) + 1
    const host = `10.213.${third}.${fourth}`
    const inner = `10.213.${third}.${fourth + 1}`
    if (!used.has(host) && !used.has(inner)) return [host, inner]
  }
}

/** Creates `rdc-<id>` with a veth pair `rdc<id>h` (host) / `rdc<id>n` (inside), both up: its only way out. */
export async function createNetNamespace(id: string): Promise<NetNamespace> {
  const name = `rdc-${id}`
  const hostInterface = `rdc${id}h`
  const innerInterface = `rdc${id}n`
  const [hostAddress, innerAddress] = freeSubnet()
  const close = () => deleteNetNamespace(name, hostInterface)
  try {
    await run('ip', ['netns', 'add', name])
    await run('ip', ['-n', name, 'link', 'set', 'lo', 'up'])
    await run('ip', ['link', 'add', hostInterface, 'type', 'veth', 'peer', 'name', innerInterface])
    await run('ip', ['link', 'set', innerInterface, 'netns', name])
    await run('ip', ['addr', 'add', `${hostAddress}/30`, 'dev', hostInterface])
    await run('ip', ['link', 'set', hostInterface, 'up'])
    await run('ip', ['-n', name, 'addr', 'add', `${innerAddress}/30`, 'dev', innerInterface])
    await run('ip', ['-n', name, 'link', 'set', innerInterface, 'up'])
  } catch (error) {
    await close()
    throw error
  }
  return { name, path: `/run/netns/${name}`, hostAddress, innerAddress, hostInterface, close }
}

/** Deletes a namespace and the host end of its pair; what is already gone is fine, as cleanup also runs after failures. */
export async function deleteNetNamespace(name: string, hostInterface: string): Promise<void> {
  await run('ip', ['link', 'del', hostInterface]).catch(() => undefined)
  await run('ip', ['netns', 'del', name]).catch(() => undefined)
}

/** Pids of the processes inside a namespace: what a killed daemon leaves running (shims, containers). */
export async function pidsIn(name: string): Promise<number[]> {
  const text = await run('ip', ['netns', 'pids', name]).catch(() => '')
  return text
    .split('\n')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid > 0)
}

// A second Docker daemon a test may SIGKILL and start again, without touching the host's: its own
// network namespace (joined to the host by a veth pair), data root, exec root (so its own
// containerd), pidfile, socket and config file, no bridge and no iptables rules
// (docs/platform-notes.md). Everything lives under one short folder in the temp dir with an owner
// file, so a later run can clean what a run killed mid-way left.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { openSync, closeSync, promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Dockerode from 'dockerode'
import {
  createNetNamespace,
  deleteNetNamespace,
  pidsIn,
  run,
  type NetNamespace,
} from './net-namespace'
import { sleep } from './poll'

const OWNER_FILE = 'owner.json'
const ROOT_PREFIX = 'rdc-'
const START_TIMEOUT_MS = 30_000

/** A daemon the test owns, so it may kill it: never the host's. */
export interface SecondDaemon {
  readonly root: string
  /** `unix://…`, for DOCKER_HOST. */
  readonly dockerHost: string
  readonly net: NetNamespace
  /** A client of this daemon (not the host's). */
  readonly docker: Dockerode
  /** Whether dockerd runs now. */
  running(): boolean
  /** Starts dockerd; resolves once it answers, with how long that took. */
  start(): Promise<number>
  /** SIGKILLs dockerd; its containerd dies with it, container shims and containers live on. */
  kill(): Promise<void>
  /** Removes every container, stops the daemon, and deletes the namespace and the folder. */
  close(): Promise<void>
}

interface Owner {
  readonly pid: number
  readonly netns: string
  readonly hostInterface: string
}

/** Sets up the namespace and folders and starts the daemon (cleaning abandoned ones first). */
export async function startSecondDaemon(): Promise<SecondDaemon> {
  await sweepAbandoned()
  const id = randomBytes(3).toString('hex')
  const root = path.join(os.tmpdir(), `${ROOT_PREFIX}${id}`)
  await fsp.mkdir(root, { recursive: true })
  const net = await createNetNamespace(id).catch(async (error: unknown) => {
    await fsp.rm(root, { recursive: true, force: true })
    throw error
  })
  const owner: Owner = { pid: process.pid, netns: net.name, hostInterface: net.hostInterface }
  await fsp.writeFile(path.join(root, OWNER_FILE), JSON.stringify(owner))
  await fsp.writeFile(path.join(root, 'daemon.json'), '{}\n')
  const socket = path.join(root, 'docker.sock')
  const docker = new Dockerode({ socketPath: socket })
  let child: ChildProcess | null = null
  let exited: Promise<void> = Promise.resolve()

  const start = async () => {
    await clearStalePidFiles(root)
    const log = openSync(path.join(root, 'dockerd.log'), 'a')
    const started = performance.now()
    const next = spawn(
      'nsenter',
      [
        `--net=${net.path}`,
        'dockerd',
        '--config-file',
        path.join(root, 'daemon.json'),
        '--data-root',
        path.join(root, 'data'),
        '--exec-root',
        path.join(root, 'exec'),
        '--pidfile',
        path.join(root, 'docker.pid'),
        '--host',
        `unix://${socket}`,
        '--bridge',
        'none',
        '--iptables=false',
        '--ip-masq=false',
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', log, log] },
    )
    closeSync(log)
    child = next
    exited = new Promise((resolve) => next.once('exit', () => resolve()))
    for (;;) {
      if (next.exitCode !== null || next.signalCode !== null)
        throw new Error(`dockerd exited at start: ${await logTail(root)}`)
      if (
        await docker.version().then(
          () => true,
          () => false,
        )
      )
        break
      if (performance.now() - started > START_TIMEOUT_MS)
        throw new Error(
          `dockerd did not answer within ${START_TIMEOUT_MS} ms: ${await logTail(root)}`,
        )
      await sleep(20)
    }
    return performance.now() - started
  }

  const running = () => child !== null && child.exitCode === null && child.signalCode === null

  const kill = async () => {
    if (!running()) return
    child!.kill('SIGKILL')
    await exited
  }

  const close = async () => {
    // A live daemon stops and removes its containers properly (cgroups, mounts); a dead one is
    // started again for that, as far as it will.
    if (!running()) await start().catch(() => undefined)
    if (running()) {
      const all = await docker.listContainers({ all: true }).catch(() => [])
      for (const c of all)
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined)
      child!.kill('SIGTERM')
      await Promise.race([exited, sleep(15_000)])
      await kill()
    }
    await teardown(root, owner)
  }

  await start().catch(async (error: unknown) => {
    await kill()
    await teardown(root, owner)
    throw error
  })
  return { root, dockerHost: `unix://${socket}`, net, docker, running, start, kill, close }
}

/** Copies an image from one daemon to another (`docker save | docker load`): there is no registry to pull from. */
export async function copyImage(from: Dockerode, to: Dockerode, image: string): Promise<void> {
  const tar = await from.getImage(image).get()
  const answer = await to.loadImage(tar)
  await new Promise<void>((resolve, reject) => {
    answer.on('error', reject)
    answer.on('end', () => resolve())
    answer.resume()
  })
  await to.getImage(image).inspect()
}

/**
 * Before a start, removes the pidfiles of a killed dockerd and its containerd. The containerd
 * dies with dockerd (it is started with a parent-death signal), but here pid 1 reaps orphans late,
 * so both linger as zombies for a while; dockerd's start-up check (`kill(pid, 0)`) takes a zombie
 * for a running daemon and then waits on a containerd socket nobody serves. A containerd still
 * really running is SIGKILLed first (it is this daemon's own).
 */
async function clearStalePidFiles(root: string): Promise<void> {
  for (const file of [
    path.join(root, 'exec', 'containerd', 'containerd.pid'),
    path.join(root, 'docker.pid'),
  ]) {
    const pid = Number(await fsp.readFile(file, 'utf8').catch(() => ''))
    if (!Number.isInteger(pid) || pid <= 0) continue
    // Only a process started for this folder is ours to kill (a pid may have been reused).
    const cmdline = await fsp.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
    if ((await running(pid)) && cmdline.includes(root)) {
      process.kill(pid, 'SIGKILL')
      for (let waited = 0; waited < 5000 && (await running(pid)); waited += 20) await sleep(20)
    }
    await fsp.rm(file, { force: true })
  }
}

/** Whether `pid` is a process that runs (not gone, not a zombie). */
async function running(pid: number): Promise<boolean> {
  const stat = await fsp.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)
  if (stat === null) return false
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
}

async function logTail(root: string): Promise<string> {
  const text = await fsp.readFile(path.join(root, 'dockerd.log'), 'utf8').catch(() => '')
  return text.split('\n').slice(-8).join('\n')
}

/**
 * Removes everything a daemon left: processes still in its namespace (container shims and
 * containers outlive a killed dockerd), mounts under its folder, the namespace, the folder.
 */
async function teardown(root: string, owner: Owner): Promise<void> {
  for (const pid of await pidsIn(owner.netns)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  if ((await pidsIn(owner.netns)).length > 0) await sleep(200)
  await unmountUnder(root)
  await deleteNetNamespace(owner.netns, owner.hostInterface)
  await fsp.rm(root, { recursive: true, force: true })
}

/** Lazily unmounts every mount point at or below `root`, deepest first. */
async function unmountUnder(root: string): Promise<void> {
  const info = await fsp.readFile('/proc/self/mountinfo', 'utf8')
  const points = info
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point === root || point.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length)
  for (const point of points) await run('umount', ['-l', point]).catch(() => undefined)
}

/** Cleans the folders (and namespaces) of daemons whose owning test process is gone. */
async function sweepAbandoned(): Promise<void> {
  const names = await fsp.readdir(os.tmpdir()).catch(() => [] as string[])
  for (const name of names.filter((n) => n.startsWith(ROOT_PREFIX))) {
    const root = path.join(os.tmpdir(), name)
    const owner = await fsp
      .readFile(path.join(root, OWNER_FILE), 'utf8')
      .then((text) => JSON.parse(text) as Owner)
      .catch(() => null)
    if (owner === null || (await running(owner.pid))) continue
    await teardown(root, owner)
  }
}

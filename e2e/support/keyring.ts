import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

// A private D-Bus session bus and gnome-keyring for tests, so they need no desktop session and no
// `dbus-run-session` around the test process: everything runs under a fresh temp HOME, and the
// caller hands `env` to the child processes that use the keychain (libsecret binds to the bus
// named in its own process's environment, so keytar must run in a child, not in the test runner).

/** A private session bus: pass `env` to a child process to put it on this bus. */
export interface SessionBus {
  readonly env: NodeJS.ProcessEnv
  readonly address: string
  /** The temp folder holding the bus socket, HOME, XDG dirs; removed by `stop`. */
  readonly root: string
  stop(): Promise<void>
}

/** A running, unlocked gnome-keyring on a private bus, with the faults tests need. */
export interface Keyring {
  readonly env: NodeJS.ProcessEnv
  /** The object path of the default collection (gnome-keyring's "login"). */
  readonly collection: string
  /** Locks the collection through the Secret Service API, as the screen locker would. */
  lock(): Promise<void>
  /** Unlocks by restarting the daemon with the password (unlocking over D-Bus needs a prompt). */
  unlock(): Promise<void>
  /** Freezes the daemon (SIGSTOP): calls then hang as they do with a stuck Secret Service. */
  stall(): Promise<void>
  /** Thaws a stalled daemon. */
  resume(): Promise<void>
  stop(): Promise<void>
}

const SECRETS_NAME = 'org.freedesktop.secrets'
const SECRETS_PATH = '/org/freedesktop/secrets'
const FALLBACK_COLLECTION = '/org/freedesktop/secrets/collection/login'
const INSTALL_HINT = 'Install it with scripts/provision.sh (apt-get install dbus gnome-keyring).'

// Variables that would point a child at the real desktop session or a real token.
const LEAKY_VARIABLES = [
  'DBUS_SESSION_BUS_ADDRESS',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'GNOME_KEYRING_CONTROL',
  'SSH_AUTH_SOCK',
  'GITHUB_TOKEN',
  'NODE_OPTIONS',
]

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Runs dbus-send on the given bus; resolves with its stdout, rejects with its stderr. */
export function dbusSend(env: NodeJS.ProcessEnv, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'dbus-send',
      ['--session', '--print-reply', ...args],
      { env, timeout: 5000 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`dbus-send ${args.join(' ')} failed: ${stderr.trim() || error.message}`))
        else resolve(stdout)
      },
    )
  })
}

async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last: unknown = null
  while (Date.now() < deadline) {
    try {
      if (await check()) return
    } catch (error) {
      last = error
    }
    await sleep(20)
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
  )
}

function spawnTool(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin: 'pipe' | 'ignore',
): ChildProcess {
  const child = spawn(command, args, { env, stdio: [stdin, 'pipe', 'pipe'] })
  child.on('error', () => undefined) // reported through `exited` below
  return child
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGCONT')
  child.kill('SIGTERM')
  const done = exited(child)
  const late = setTimeout(() => child.kill('SIGKILL'), 2000)
  await done
  clearTimeout(late)
}

// Our own bus config: the standard session.conf would auto-start the system's gnome-keyring
// (and other services) from /usr/share/dbus-1/services, which tests must control themselves.
function busConfig(socketDir: string, serviceDir: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${socketDir}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>${serviceDir}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`
}

function readFirstLine(child: ChildProcess, what: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    let errText = ''
    const timer = setTimeout(
      () => reject(new Error(`${what} printed nothing in ${timeoutMs} ms: ${errText}`)),
      timeoutMs,
    )
    child.stderr?.on('data', (chunk: Buffer) => (errText += chunk.toString()))
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const end = out.indexOf('\n')
      if (end >= 0) {
        clearTimeout(timer)
        resolve(out.slice(0, end).trim())
      }
    })
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(
        new Error(
          error.code === 'ENOENT'
            ? `${what} is not installed. ${INSTALL_HINT}`
            : `${what}: ${error.message}`,
        ),
      )
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${what} exited with ${code}: ${errText}`))
    })
  })
}

// Children SIGKILLed if the test process exits without calling stop(), so no daemon outlives it.
const running = new Set<ChildProcess>()
let exitHookInstalled = false
function track(child: ChildProcess): void {
  running.add(child)
  child.once('exit', () => running.delete(child))
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')))
  }
}

/**
 * Starts a private session bus (no auto-started services) with a fresh temp HOME, XDG_RUNTIME_DIR,
 * XDG_DATA_HOME and XDG_CONFIG_HOME. On its own it is "a machine with no Secret Service".
 */
export async function startBus(): Promise<SessionBus> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'runnerdock-keyring-'))
  const dirs = {
    runtime: path.join(root, 'run'),
    data: path.join(root, 'data'),
    config: path.join(root, 'config'),
    cache: path.join(root, 'cache'),
    home: path.join(root, 'home'),
    bus: path.join(root, 'bus'),
    services: path.join(root, 'services'),
  }
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true, mode: 0o700 })
  const configFile = path.join(root, 'bus.conf')
  await writeFile(configFile, busConfig(dirs.bus, dirs.services))

  const base: NodeJS.ProcessEnv = { ...process.env }
  for (const name of LEAKY_VARIABLES) delete base[name]
  const env: NodeJS.ProcessEnv = {
    ...base,
    HOME: dirs.home,
    XDG_RUNTIME_DIR: dirs.runtime,
    XDG_DATA_HOME: dirs.data,
    XDG_CONFIG_HOME: dirs.config,
    XDG_CACHE_HOME: dirs.cache,
  }
  const daemon = spawnTool(
    'dbus-daemon',
    ['--config-file', configFile, '--print-address=1', '--nofork'],
    env,
    'ignore',
  )
  track(daemon)
  let address: string
  try {
    address = await readFirstLine(daemon, 'dbus-daemon', 5000)
  } catch (error) {
    await kill(daemon)
    await rm(root, { recursive: true, force: true })
    throw error
  }
  env.DBUS_SESSION_BUS_ADDRESS = address
  return {
    env,
    address,
    root,
    async stop() {
      await kill(daemon)
      await rm(root, { recursive: true, force: true })
    },
  }
}

async function nameOwned(env: NodeJS.ProcessEnv): Promise<boolean> {
  const reply = await dbusSend(env, [
    '--dest=org.freedesktop.DBus',
    '/',
    'org.freedesktop.DBus.NameHasOwner',
    `string:${SECRETS_NAME}`,
  ])
  return reply.includes('boolean true')
}

async function isLocked(env: NodeJS.ProcessEnv, collection: string): Promise<boolean> {
  const reply = await dbusSend(env, [
    `--dest=${SECRETS_NAME}`,
    collection,
    'org.freedesktop.DBus.Properties.Get',
    'string:org.freedesktop.Secret.Collection',
    'string:Locked',
  ])
  return reply.includes('boolean true')
}

async function defaultCollection(env: NodeJS.ProcessEnv): Promise<string> {
  const reply = await dbusSend(env, [
    `--dest=${SECRETS_NAME}`,
    SECRETS_PATH,
    'org.freedesktop.Secret.Service.ReadAlias',
    'string:default',
  ])
  const found = /object path "([^"]+)"/.exec(reply)?.[1]
  return found && found !== '/' ? found : FALLBACK_COLLECTION
}

/**
 * Starts gnome-keyring (Secret Service only) on a private bus, unlocked with `password`, and waits
 * until it owns org.freedesktop.secrets. The first unlock creates the "login" keyring.
 */
export async function startKeyring(options: { password?: string } = {}): Promise<Keyring> {
  const password = options.password ?? 'runnerdock-test-password'
  const bus = await startBus()
  let daemon: ChildProcess | null = null
  let stderr = ''

  async function startDaemon(): Promise<void> {
    const child = spawnTool(
      'gnome-keyring-daemon',
      ['--foreground', '--unlock', '--components=secrets'],
      bus.env,
      'pipe',
    )
    track(child)
    daemon = child
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            error.code === 'ENOENT'
              ? `gnome-keyring-daemon is not installed. ${INSTALL_HINT}`
              : error.message,
          ),
        ),
      )
      child.once('exit', (code) =>
        reject(new Error(`gnome-keyring-daemon exited with ${code}: ${stderr}`)),
      )
    })
    failed.catch(() => undefined)
    child.stdin?.end(password)
    await Promise.race([waitUntil(`${SECRETS_NAME} on the bus`, () => nameOwned(bus.env)), failed])
  }

  try {
    await startDaemon()
  } catch (error) {
    if (daemon) await kill(daemon)
    await bus.stop()
    throw error
  }
  const collection = await defaultCollection(bus.env)
  await waitUntil('the keyring to be unlocked', async () => !(await isLocked(bus.env, collection)))

  const current = (): ChildProcess => {
    if (!daemon) throw new Error('gnome-keyring-daemon is not running')
    return daemon
  }

  return {
    env: bus.env,
    collection,
    async lock() {
      await dbusSend(bus.env, [
        `--dest=${SECRETS_NAME}`,
        SECRETS_PATH,
        'org.freedesktop.Secret.Service.Lock',
        `array:objpath:${collection}`,
      ])
      await waitUntil('the keyring to be locked', () => isLocked(bus.env, collection))
    },
    async unlock() {
      await kill(current())
      await startDaemon()
      await waitUntil(
        'the keyring to be unlocked',
        async () => !(await isLocked(bus.env, collection)),
      )
    },
    async stall() {
      current().kill('SIGSTOP')
    },
    async resume() {
      current().kill('SIGCONT')
    },
    async stop() {
      if (daemon) await kill(daemon)
      await bus.stop()
    },
  }
}

import path from 'node:path'

// Where Docker-compatible engines other than the default Docker Engine put their API socket, per
// platform (docs/platform-notes.md, "Docker engines RunnerDock finds"). Pure: the prober lists the
// folders and pings what exists.

type Env = Readonly<Record<string, string | undefined>>

/** A place an engine's API may answer, and which engine that would be. */
export interface EngineCandidate {
  /** For the user: "Podman (rootless)", "Colima (profile default)". */
  readonly engine: string
  /** A unix socket path, or a named pipe on Windows. */
  readonly path: string
  /** As DOCKER_HOST takes it: unix:///… or npipe:////./pipe/… */
  readonly endpoint: string
  /** A docker context name to suggest when no context points here yet. */
  readonly contextName: string
}

/** What the candidate list depends on, gathered by the prober (folder listings included). */
export interface EngineSearch {
  readonly platform: NodeJS.Platform
  readonly env: Env
  readonly home: string
  /** The user's uid, for /run/user/<uid> when XDG_RUNTIME_DIR is unset; null on Windows. */
  readonly uid: number | null
  /** os.tmpdir(): Podman 5 machines listen under $TMPDIR/podman on macOS. */
  readonly tmpdir: string
  /** Folder names under $COLIMA_HOME (default ~/.colima): each is a Colima profile. */
  readonly colimaProfiles: readonly string[]
  /** Folder names under <data home>/containers/podman/machine: Podman 4 machines (or their provider). */
  readonly podmanMachineDirs: readonly string[]
  /** File names under $TMPDIR/podman: Podman 5 machine sockets end in -api.sock. */
  readonly podmanTmpFiles: readonly string[]
}

/** Colima keeps its profiles here (COLIMA_HOME overrides, as colima itself does). */
export function colimaHome(env: Env, home: string): string {
  return nonEmpty(env.COLIMA_HOME) ?? path.posix.join(home, '.colima')
}

/** Podman 4 machines keep their API socket under the XDG data home. */
export function podmanMachineRoot(env: Env, home: string): string {
  const dataHome = nonEmpty(env.XDG_DATA_HOME) ?? path.posix.join(home, '.local', 'share')
  return path.posix.join(dataHome, 'containers', 'podman', 'machine')
}

/** Where Podman 5 machines listen on macOS. */
export function podmanTmpRoot(tmpdir: string): string {
  return path.posix.join(tmpdir, 'podman')
}

/**
 * Every socket worth a ping on this platform, most likely first, without duplicates and without
 * `exclude` (the endpoint that already failed). Folders the search did not find add nothing.
 */
export function engineCandidates(
  search: EngineSearch,
  exclude: string | null = null,
): EngineCandidate[] {
  const list =
    search.platform === 'win32'
      ? windowsCandidates()
      : search.platform === 'darwin'
        ? macCandidates(search)
        : linuxCandidates(search)
  const seen = new Set<string>(exclude ? [exclude] : [])
  return list.filter((c) => (seen.has(c.endpoint) ? false : (seen.add(c.endpoint), true)))
}

function linuxCandidates(s: EngineSearch): EngineCandidate[] {
  const runtimeDir =
    nonEmpty(s.env.XDG_RUNTIME_DIR) ?? (s.uid === null ? null : `/run/user/${s.uid}`)
  const home = (...parts: string[]) => path.posix.join(s.home, ...parts)
  return [
    ...(runtimeDir
      ? [
          unix('Podman (rootless)', path.posix.join(runtimeDir, 'podman', 'podman.sock'), 'podman'),
          unix('Docker (rootless)', path.posix.join(runtimeDir, 'docker.sock'), 'rootless'),
        ]
      : []),
    unix('Podman (rootful)', '/run/podman/podman.sock', 'podman-root'),
    unix('Docker Desktop', home('.docker', 'desktop', 'docker.sock'), 'desktop-linux'),
    ...colima(s),
    unix('Rancher Desktop', home('.rd', 'docker.sock'), 'rancher-desktop'),
    unix('Docker Engine', '/var/run/docker.sock', 'docker-engine'),
  ]
}

function macCandidates(s: EngineSearch): EngineCandidate[] {
  const home = (...parts: string[]) => path.posix.join(s.home, ...parts)
  const machineRoot = podmanMachineRoot(s.env, s.home)
  const tmpRoot = podmanTmpRoot(s.tmpdir)
  return [
    unix('Docker Desktop', home('.docker', 'run', 'docker.sock'), 'desktop-linux'),
    unix('OrbStack', home('.orbstack', 'run', 'docker.sock'), 'orbstack'),
    ...colima(s),
    unix('Rancher Desktop', home('.rd', 'docker.sock'), 'rancher-desktop'),
    ...s.podmanTmpFiles
      .filter((f) => f.endsWith('-api.sock'))
      .map((f) => {
        const machine = f.slice(0, -'-api.sock'.length)
        return unix(`Podman machine ${machine}`, path.posix.join(tmpRoot, f), machine)
      }),
    ...s.podmanMachineDirs.map((d) =>
      unix(`Podman machine (${d})`, path.posix.join(machineRoot, d, 'podman.sock'), `podman-${d}`),
    ),
    // Docker Desktop's optional symlink, or podman-mac-helper's.
    unix('the default socket', '/var/run/docker.sock', 'var-run-docker'),
  ]
}

function windowsCandidates(): EngineCandidate[] {
  return [
    pipe('Docker Desktop', 'dockerDesktopLinuxEngine', 'desktop-linux'),
    pipe('Docker Engine', 'docker_engine', 'docker-engine'),
    pipe(
      'Podman machine podman-machine-default',
      'podman-machine-default',
      'podman-machine-default',
    ),
  ]
}

function colima(s: EngineSearch): EngineCandidate[] {
  const root = colimaHome(s.env, s.home)
  const profiles = [...s.colimaProfiles]
    .filter((p) => !p.startsWith('_'))
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
  return [
    ...profiles.map((p) =>
      unix(
        `Colima (profile ${p})`,
        path.posix.join(root, p, 'docker.sock'),
        p === 'default' ? 'colima' : `colima-${p}`,
      ),
    ),
    // Colima 0.3 and older.
    unix('Colima', path.posix.join(root, 'docker.sock'), 'colima'),
  ]
}

function unix(engine: string, socket: string, contextName: string): EngineCandidate {
  return { engine, path: socket, endpoint: `unix://${socket}`, contextName }
}

function pipe(engine: string, name: string, contextName: string): EngineCandidate {
  const pipePath = `//./pipe/${name}`
  return { engine, path: pipePath, endpoint: `npipe://${pipePath}`, contextName }
}

// Where the docker CLI's implicit "default" context points.
const DEFAULT_ENDPOINTS = ['unix:///var/run/docker.sock', 'npipe:////./pipe/docker_engine']

/** A docker CLI context: its name and the daemon it points at. */
export interface DockerContextEntry {
  readonly name: string
  readonly host: string
}

/**
 * What to tell a user who found `candidate` answering: switch to the docker context that already
 * points at it, or point DOCKER_HOST at it (a desktop app does not see a shell's exports, so a
 * context is offered for that case too).
 */
export function engineFix(
  candidate: EngineCandidate,
  contexts: readonly DockerContextEntry[],
  platform: NodeJS.Platform,
): string {
  const context = contexts.find((c) => c.host === candidate.endpoint)
  if (!context && DEFAULT_ENDPOINTS.includes(candidate.endpoint))
    return platform === 'win32'
      ? 'Run "Remove-Item Env:DOCKER_HOST" and "docker context use default" (the default context points there), then try again.'
      : 'Run "unset DOCKER_HOST" and "docker context use default" (the default context points there), then try again.'
  if (context)
    return `Run "docker context use ${context.name}" (or set DOCKER_HOST=${candidate.endpoint}), then try again.`
  const exportLine =
    platform === 'win32'
      ? `$env:DOCKER_HOST="${candidate.endpoint}"`
      : `export DOCKER_HOST=${candidate.endpoint}`
  const name = candidate.contextName
  return `Run "${exportLine}" in the shell that starts RunnerDock, or for every app "docker context create ${name} --docker host=${candidate.endpoint}" and "docker context use ${name}", then try again.`
}

/** Where the daemon of every VM-based engine above listens inside its VM (its docs; Colima's lima config). */
export const VM_DOCKER_SOCKET = '/var/run/docker.sock'

/** Podman machines' rootful socket inside the VM (its /var/run/docker.sock points there). */
export const PODMAN_MACHINE_SOCKET = '/run/podman/podman.sock'

/**
 * The socket to bind-mount into a runner for the daemon reached at `socketPath`. A daemon in a VM
 * (Docker Desktop, OrbStack, Colima, Rancher Desktop, a Podman machine) resolves bind sources in
 * the VM, where the client's socket (~/.docker/run/docker.sock…) does not exist: the socket inside
 * the VM is mounted instead. A daemon on this machine is mounted as reached.
 */
export function daemonSideSocket(
  socketPath: string,
  home: string,
  env: Env = {},
  tmpdir = '/tmp',
): string {
  const under = (folder: string) => socketPath.startsWith(`${folder.replace(/\/$/, '')}/`)
  const homeFile = (...parts: string[]) => path.posix.join(home, ...parts)
  if (
    [
      homeFile('.docker', 'run', 'docker.sock'),
      homeFile('.docker', 'desktop', 'docker.sock'),
      homeFile('.orbstack', 'run', 'docker.sock'),
      homeFile('.rd', 'docker.sock'),
    ].includes(socketPath) ||
    under(colimaHome(env, home))
  )
    return VM_DOCKER_SOCKET
  if (under(podmanMachineRoot(env, home)) || under(podmanTmpRoot(tmpdir)))
    return PODMAN_MACHINE_SOCKET
  return socketPath
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}

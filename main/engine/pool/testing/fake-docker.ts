// An in-memory Docker for fast pool tests (test code): containers with a log, events, and knobs
// that hold, fail or reorder calls, built on the same `DockerPort` the real adapter implements.
import { err, ok, type Result } from '../../../../common/result'
import type {
  ContainerEvent,
  ContainerInfo,
  ContainerLogLine,
  DockerFailure,
  DockerPort,
  ImageFacts,
  PullProgress,
  RunnerContainerSpec,
  Subscription,
} from '../../docker/docker-port'

/** One fake container. */
export interface FakeContainer {
  readonly id: string
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly spec: RunnerContainerSpec
  state: ContainerInfo['state']
  exitCode: number | null
  readonly lines: ContainerLogLine[]
}

type LogFollower = {
  onLine: (l: ContainerLogLine) => void
  onEnd: (f: DockerFailure | null) => void
}

/** A failure shaped like the real adapter's. */
export function dockerFailure(
  kind: DockerFailure['kind'],
  message = `docker ${kind}`,
): DockerFailure {
  return { kind, message, detail: message }
}

/** A deferred result a test releases by hand (a call "in flight"). */
export interface Held<T> {
  readonly promise: Promise<T>
  release(value: T): void
}

function held<T>(): Held<T> {
  let release!: (v: T) => void
  const promise = new Promise<T>((r) => (release = r))
  return { promise, release }
}

/** The fake engine and its knobs. */
export class FakeDocker implements DockerPort {
  readonly containers = new Map<string, FakeContainer>()
  /** Every container ever created, in order. */
  readonly created: FakeContainer[] = []
  private readonly followers = new Map<string, Set<LogFollower>>()
  private readonly watchers = new Set<{
    onEvent: (e: ContainerEvent) => void
    onConnection: (s: { connected: true } | { connected: false; failure: DockerFailure }) => void
  }>()
  private nextId = 1
  /** The daemon's architecture (Go name), which decides the runners' architecture label. */
  arch = 'amd64'
  /** While false every call fails as unreachable. */
  reachable = true
  /** Print "Listening for Jobs" as soon as a container starts. */
  autoListen = true
  /** Holds the next `runRunner` calls until a test releases them (after the container exists). */
  holdRuns = 0
  readonly heldRuns: Held<void>[] = []
  /** Answers for the next `remove` calls, in order (then success). */
  readonly removeAnswers: DockerFailure[] = []
  /** Exit the container between its start and `runRunner` returning (a runner that dies at once). */
  exitBeforeRunReturns = false
  /** Ids passed to `remove`, in order. */
  readonly removeCalls: string[] = []

  private gate<T>(fn: () => Result<T, DockerFailure>): Result<T, DockerFailure> {
    return this.reachable ? fn() : err(dockerFailure('unreachable', 'Docker is not running.'))
  }

  async ping() {
    return this.gate(() => ok({ apiVersion: '1.41', os: 'linux', arch: this.arch }))
  }

  /** Networks made, and whether the fake engine isolates them. */
  readonly networks = new Map<string, { isolated: boolean }>()
  isolates = true

  async ensureNetwork(name: string) {
    return this.gate(() => {
      if (!this.networks.has(name)) this.networks.set(name, { isolated: this.isolates })
      return ok({ isolated: this.networks.get(name)!.isolated })
    })
  }

  async networkExists(name: string) {
    return this.gate(() => ok(this.networks.has(name) || name === 'host' || name === 'bridge'))
  }

  async imagePresent() {
    return this.gate(() => ok(true))
  }

  /** The local image as the fake engine holds it, and the registry's digest for its tag. */
  image: ImageFacts | null = { id: 'sha256:old', createdAt: 0, repoDigests: ['runner@sha256:aaa'] }
  registryDigest: string | DockerFailure = 'sha256:aaa'
  readonly pulls: string[] = []

  async imageFacts() {
    return this.gate(() => ok(this.image))
  }

  async remoteDigest() {
    return this.gate(() =>
      typeof this.registryDigest === 'string' ? ok(this.registryDigest) : err(this.registryDigest),
    )
  }

  async refreshImage(image: string, onProgress: (p: PullProgress) => void) {
    return this.gate(() => {
      this.pulls.push(image)
      if (typeof this.registryDigest !== 'string') return err(this.registryDigest)
      onProgress({ currentBytes: 1, totalBytes: 2, status: 'Downloading' })
      const before = this.image?.id ?? ''
      this.image = {
        id: `sha256:${this.registryDigest.slice(7)}-image`,
        createdAt: Date.now(),
        repoDigests: [`runner@${this.registryDigest}`],
      }
      return ok({ changed: this.image?.id !== before, id: this.image?.id ?? '' })
    })
  }

  async ensureImage() {
    return this.gate(() => ok({ pulled: false }))
  }

  async runRunner(spec: RunnerContainerSpec): Promise<Result<{ id: string }, DockerFailure>> {
    if (!this.reachable) return err(dockerFailure('unreachable', 'Docker is not running.'))
    const id = `c${this.nextId++}`.padEnd(12, '0')
    const container: FakeContainer = {
      id,
      name: spec.name,
      labels: spec.labels,
      spec,
      state: 'running',
      exitCode: null,
      lines: [],
    }
    this.containers.set(id, container)
    this.created.push(container)
    if (this.exitBeforeRunReturns) this.exit(id, 0)
    // The container runs on its own, whatever the engine hears back.
    else if (this.autoListen)
      setImmediate(() => {
        this.print(id, "Current runner version: '2.330.0'")
        this.print(id, stamp('Listening for Jobs'))
      })
    if (this.holdRuns > 0) {
      this.holdRuns--
      const h = held<void>()
      this.heldRuns.push(h)
      await h.promise
    }
    if (!this.reachable) return err(dockerFailure('unreachable', 'Docker is not running.'))
    return ok({ id })
  }

  async remove(id: string): Promise<Result<void, DockerFailure>> {
    this.removeCalls.push(id)
    if (!this.reachable) return err(dockerFailure('unreachable', 'Docker is not running.'))
    const answer = this.removeAnswers.shift()
    if (answer) return err(answer)
    const c = this.containers.get(id)
    if (c) {
      if (c.state === 'running') this.exit(id, 137)
      this.containers.delete(id)
    }
    return ok(undefined)
  }

  async stop(id: string) {
    return this.remove(id)
  }

  async list(labels: Readonly<Record<string, string>>) {
    return this.gate(() =>
      ok(
        [...this.containers.values()]
          .filter((c) => Object.entries(labels).every(([k, v]) => c.labels[k] === v))
          .map((c) => ({
            id: c.id,
            name: c.name,
            labels: c.labels,
            state: c.state,
            createdAt: 0,
            exitCode: c.exitCode,
          })),
      ),
    )
  }

  followLogs(
    id: string,
    onLine: (line: ContainerLogLine) => void,
    onEnd: (failure: DockerFailure | null) => void,
    sinceMs?: number,
  ): Subscription {
    const follower: LogFollower = { onLine, onEnd }
    let stopped = false
    setImmediate(() => {
      if (stopped) return
      const c = this.containers.get(id)
      if (!c || !this.reachable) return onEnd(c ? dockerFailure('unreachable') : null)
      for (const line of c.lines) if (sinceMs === undefined || line.time >= sinceMs) onLine(line)
      if (c.state !== 'running') return onEnd(null)
      let set = this.followers.get(id)
      if (!set) this.followers.set(id, (set = new Set()))
      set.add(follower)
    })
    return {
      stop: () => {
        stopped = true
        this.followers.get(id)?.delete(follower)
      },
    }
  }

  watchEvents(
    _labels: Readonly<Record<string, string>>,
    onEvent: (event: ContainerEvent) => void,
    onConnection: (s: { connected: true } | { connected: false; failure: DockerFailure }) => void,
  ): Subscription {
    const watcher = { onEvent, onConnection }
    this.watchers.add(watcher)
    return { stop: () => void this.watchers.delete(watcher) }
  }

  // ---- what a test makes happen ---------------------------------------------------------------

  /** A line on a container's stdout (or stderr). */
  print(id: string, text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    const c = this.containers.get(id)
    if (!c) return
    const line = { stream, time: Date.now(), text }
    c.lines.push(line)
    for (const f of this.followers.get(id) ?? []) f.onLine(line)
  }

  /**
   * The container exits: log streams end and a `die` event is sent. `dieFirst` sends the event
   * before the log ends (Docker's die can overtake a busy stream); `repeatDie` sends it twice.
   */
  exit(id: string, code: number, options: { dieFirst?: boolean; repeatDie?: boolean } = {}): void {
    const c = this.containers.get(id)
    if (!c || c.state !== 'running') return
    c.state = 'exited'
    c.exitCode = code
    const die = () => {
      for (const w of this.watchers)
        w.onEvent({ id, action: 'die', labels: c.labels, time: Date.now(), exitCode: code })
    }
    const endLogs = () => {
      const set = this.followers.get(id)
      this.followers.delete(id)
      for (const f of set ?? []) f.onEnd(null)
    }
    if (options.dieFirst) {
      die()
      setImmediate(endLogs)
    } else {
      endLogs()
      die()
    }
    if (options.repeatDie) setImmediate(die)
  }

  /** Docker goes away: streams break, watchers hear of it, calls fail. */
  goAway(): void {
    this.reachable = false
    for (const [, set] of this.followers)
      for (const f of set) f.onEnd(dockerFailure('unreachable', 'Docker is not running.'))
    this.followers.clear()
    const failure = dockerFailure(
      'unreachable',
      'Docker is not running. Start Docker, then press Retry.',
    )
    for (const w of this.watchers) w.onConnection({ connected: false, failure })
  }

  /** Docker answers again. */
  comeBack(): void {
    this.reachable = true
    for (const w of this.watchers) w.onConnection({ connected: true })
  }

  /** Containers still running. */
  running(): FakeContainer[] {
    return [...this.containers.values()].filter((c) => c.state === 'running')
  }

  /** The container of a runner name. */
  byName(name: string): FakeContainer | undefined {
    return [...this.containers.values()].find((c) => c.name === name)
  }
}

/** A listener line with the runner's UTC stamp. */
export function stamp(text: string): string {
  return `${new Date().toISOString().replace('T', ' ').slice(0, 19)}Z: ${text}`
}

import type { Result } from '../../../common/result'

/**
 * Why a Docker call failed, sorted into what a user can act on. `message` is already written for a
 * user ("Docker is not running. Start Docker, then press Retry."); `detail` keeps the raw cause
 * (e.g. `connect ECONNREFUSED /var/run/docker.sock`) for logs.
 */
export interface DockerFailure {
  readonly kind: 'unreachable' | 'permission' | 'not-found' | 'conflict' | 'timeout' | 'other'
  readonly message: string
  readonly detail: string
}

/** What the engine asks Docker to run: one runner, one container. */
export interface RunnerContainerSpec {
  readonly name: string
  readonly image: string
  /** The runner's one-time JIT config, passed as ACTIONS_RUNNER_INPUT_JITCONFIG. */
  readonly jitConfig: string
  readonly labels: Readonly<Record<string, string>>
  readonly cpus: number | null
  readonly memoryMb: number | null
  /** Processes at once (null: no limit). */
  readonly pidsLimit?: number | null
  readonly networkMode: string | null
  /** Bind-mount the host's Docker socket and add its group id. */
  readonly dockerSocket: boolean
  /**
   * With `dockerSocket`: mount this socket at /var/run/docker.sock instead of the daemon's own,
   * and add no group (the source must accept the runner's user). The runner's job proxy socket
   * (job-docker-proxy.ts), or for a daemon in a VM its socket inside the VM (daemonSideSocket).
   */
  readonly dockerSocketSource?: string
  /**
   * The runner's work folder on the host, mounted at the same absolute path (the daemon resolves
   * a job's bind mounts on the host) and set as RUNNER_WORKDIR for images that read it; the
   * official runner takes it from its JIT config's work folder.
   */
  readonly workFolder?: string
  /** More binds, "source:target[:options]" (the runner's _diag folder, an externals volume). */
  readonly extraBinds?: readonly string[]
  /**
   * A private cgroup namespace. On cgroup v1 hosts the runner refuses `container:` jobs when
   * /proc/1/cgroup says it runs in Docker; a private namespace shows it "/".
   */
  readonly privateCgroupns?: boolean
  /** More environment, "NAME=value" (cache locations); never a secret, never the JIT config's name. */
  readonly env?: readonly string[]
}

/** What a local image says of itself. */
export interface ImageFacts {
  readonly id: string
  /** When it was built (epoch ms), if the image says. */
  readonly createdAt: number | null
  /** "name@sha256:…" for each registry it came from; none for an image built here. */
  readonly repoDigests: readonly string[]
}

/** A container as listed or inspected. Times are epoch milliseconds. */
export interface ContainerInfo {
  readonly id: string
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly state: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead'
  readonly createdAt: number
  readonly exitCode: number | null
}

/** A Docker container event for one of our containers (`docker events`). */
export interface ContainerEvent {
  readonly id: string
  readonly action: string
  readonly labels: Readonly<Record<string, string>>
  /** Epoch milliseconds. */
  readonly time: number
  readonly exitCode: number | null
}

/** One demultiplexed, timestamped log line. */
export interface ContainerLogLine {
  readonly stream: 'stdout' | 'stderr'
  /** Epoch milliseconds from Docker's own timestamp. */
  readonly time: number
  readonly text: string
}

/** Aggregated image pull progress across layers. */
export interface PullProgress {
  readonly currentBytes: number
  readonly totalBytes: number
  readonly status: string
}

/** Stops a stream subscription; safe to call more than once. */
export interface Subscription {
  stop(): void
}

/**
 * The engine's whole view of Docker. Thin: it translates to and from dockerode and decides nothing.
 * Every call resolves (never hangs: each has a timeout) and never throws for daemon failures.
 */
export interface DockerPort {
  /**
   * Answers whether the daemon is reachable: its API version, and the OS and architecture its
   * containers run on (Go names: `linux`, `amd64`, `arm64`), which decide a runner's labels.
   */
  ping(): Promise<Result<{ apiVersion: string; os: string; arch: string }, DockerFailure>>
  /**
   * Makes sure a bridge network of ours exists, with containers on it unable to reach each other
   * (inter-container communication off) where the engine supports it; `isolated` says if it does.
   */
  ensureNetwork(
    name: string,
    labels: Readonly<Record<string, string>>,
  ): Promise<Result<{ isolated: boolean }, DockerFailure>>
  /** Whether the image is present locally (never pulls). */
  imagePresent(image: string): Promise<Result<boolean, DockerFailure>>
  /**
   * Whether a Docker network of that name exists (never creates one): a misspelled network is
   * caught when settings are saved and before any runner is made.
   */
  networkExists(name: string): Promise<Result<boolean, DockerFailure>>
  /** Present locally, or pulled with progress. A local-only image that cannot be pulled is fine if present. */
  ensureImage(
    image: string,
    onProgress: (p: PullProgress) => void,
  ): Promise<Result<{ pulled: boolean }, DockerFailure>>
  /** The local image's id, build time and registry digests; null when it is not here. */
  imageFacts(image: string): Promise<Result<ImageFacts | null, DockerFailure>>
  /** The registry's digest for the image's tag now (no layers are pulled). */
  remoteDigest(image: string): Promise<Result<string, DockerFailure>>
  /** Pulls the tag again with progress; `changed` when the local image id moved. */
  refreshImage(
    image: string,
    onProgress: (p: PullProgress) => void,
  ): Promise<Result<{ changed: boolean; id: string }, DockerFailure>>
  /** Creates and starts a runner container; on a failed start the created container is removed. */
  runRunner(spec: RunnerContainerSpec): Promise<Result<{ id: string }, DockerFailure>>
  /** Force-removes a container and its anonymous volumes; a container already gone counts as success. */
  remove(id: string): Promise<Result<void, DockerFailure>>
  /** Stops a container gracefully (SIGTERM, then SIGKILL after `graceSeconds`). Gone counts as success. */
  stop(id: string, graceSeconds: number): Promise<Result<void, DockerFailure>>
  /** Lists containers (running or not) carrying every given label. */
  list(labels: Readonly<Record<string, string>>): Promise<Result<ContainerInfo[], DockerFailure>>
  /**
   * Follows a container's logs from its start (or `sinceMs`), demultiplexed into lines. `onEnd`
   * fires once when the stream ends (container gone or daemon lost).
   */
  followLogs(
    id: string,
    onLine: (line: ContainerLogLine) => void,
    onEnd: (failure: DockerFailure | null) => void,
    sinceMs?: number,
  ): Subscription
  /**
   * Streams events for containers carrying the labels. Reconnects with backoff after the daemon
   * goes away (replaying from the last event seen) and reports each connection change.
   */
  watchEvents(
    labels: Readonly<Record<string, string>>,
    onEvent: (event: ContainerEvent) => void,
    onConnection: (
      state: { connected: true } | { connected: false; failure: DockerFailure },
    ) => void,
  ): Subscription
}

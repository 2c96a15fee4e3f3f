// A stateful stand-in for GitHub's REST API, OAuth device flow and runner service, for tests and
// local runs of RunnerDock without GitHub (docs/platform-notes.md: the test machines have no GitHub).
import type { AddressInfo } from 'node:net'
import { createAdmin, type EmulatorAdmin } from './admin'
import { EmulatorState } from './emulator-state'
import { createEmulatorServer } from './server'

export type { EmulatorAdmin, JobView, RepoAdminSpec, RepoView, RunnerView } from './admin'
export type { AccountSpec } from './account'
export type { RepoPermission, RepoSpec, RepoVisibility } from './repo-store'
export type { RunnerGroupOptions, RunnerGroupVisibility } from './runner-groups'
export type { DeviceFlowSettings } from './device-flow'
export type { ServerErrorStatus } from './faults'
export type { JobResult, JobSpec, JobStatus, RunStatus } from './job-store'
export type { JobTarget, Scope } from './scope'
export type { EmulatorStats } from './stats'
export type { TokenSpec } from './tokens'
export { decodeJitConfig, type JitConfigFiles } from './jit-config'
export { connectEmulator, type EmulatorClient } from './admin-client'

/** How to start an emulator; every field is optional. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number
  /** Address to listen on (default 127.0.0.1). */
  readonly host?: string
  /** Milliseconds added to every REST answer (also settable later with `setLatency`). */
  readonly latencyMs?: number
  /** A runner not heard from for this long is `offline` (default 3000). */
  readonly runnerOfflineAfterMs?: number
  /** How long a runner's poll waits for a job before answering `none` (default 20000). */
  readonly runnerLongPollMs?: number
  /** URL runner containers use to reach the emulator (default: the emulator's own URL). */
  readonly runnerBaseUrl?: string
  /**
   * How long stand-in runners wait before opening their session, as the real listener's start
   * takes seconds (default 0; also settable later with `setRunnerStartupDelay`, and `reset()`
   * comes back to this value).
   */
  readonly runnerStartupDelayMs?: number
}

/** A running emulator: its URL, the admin API, and `close()`. */
export interface Emulator extends EmulatorAdmin {
  /** REST API base URL (Octokit `baseUrl`), e.g. `http://127.0.0.1:PORT`. */
  readonly url: string
  /** The base URL baked into JIT configs for runner containers. */
  readonly runnerBaseUrl: string
  /** Stops listening, answers open runner polls and drops connections. */
  close(): Promise<void>
}

/** Starts an emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState(
    {
      offlineAfterMs: options.runnerOfflineAfterMs ?? 3000,
      longPollMs: options.runnerLongPollMs ?? 20_000,
    },
    Math.max(0, options.runnerStartupDelayMs ?? 0),
  )
  state.faults.latencyMs = options.latencyMs ?? 0
  const admin = createAdmin(state)
  const server = createEmulatorServer(state, admin)
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${urlHost(host)}:${port}`
  state.runnerBaseUrl = (options.runnerBaseUrl ?? url).replace(/\/+$/, '')
  let closing: Promise<void> | null = null
  return {
    ...admin,
    url,
    runnerBaseUrl: state.runnerBaseUrl,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        state.dispatcher.releaseAll()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}

/** The host part of a URL for a listen address (wildcards become loopback). */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

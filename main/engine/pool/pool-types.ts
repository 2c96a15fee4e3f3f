// The pool's collaborators, events and notices.
import type { Clock } from '../../../common/clock'
import type { JobRecord } from '../../../common/job-record'
import type { PoolSnapshot } from '../../../common/pool-status'
import type { SecretRegistry } from '../../../common/redact'
import type { DockerFailure, DockerPort } from '../docker/docker-port'
import type { GitHubPort } from '../github/github-port'
import type { LogStore } from '../logs/log-store'
import type { PendingRegistrations } from '../cleanup/pending-registrations'
import type { RunnerAttachments } from './runner-attachments'

/** The pool's collaborators, passed in so every one is a real adapter or a test's own. */
export interface PoolDeps {
  readonly docker: DockerPort
  /** Replaced by `useGitHub` when the user saves a new token. */
  github: GitHubPort
  readonly logs: LogStore
  readonly secrets: SecretRegistry
  readonly clock: Clock
  /** Registrations a stop could not delete, finished at the next start. */
  readonly pending: PendingRegistrations
  /** What runners get besides their container (folders, a Docker proxy, caches); none if absent. */
  readonly attachments?: RunnerAttachments
}

/** A line worth telling the user: the CLI prints these, the app may notify. */
export interface PoolNotice {
  readonly time: number
  readonly level: 'info' | 'warn' | 'error'
  readonly runner: string | null
  readonly message: string
}

/** The pool's events: what users see, what they are told, and each job that finished here. */
export type PoolEvents = {
  snapshot: PoolSnapshot
  notice: PoolNotice
  job: JobRecord
  /** A Docker call failed (metrics count them by kind). */
  dockerError: DockerFailure['kind']
}

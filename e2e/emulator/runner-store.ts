// Runner registrations and their sessions. GitHub keeps a registration until it is deleted (or,
// for an ephemeral runner, until its job ends); a session is one connected runner process.
import { randomBytes } from 'node:crypto'
import type { RunnerLabel } from './github-types'
import { scopeKey, type Scope } from './scope'

/** One connected runner process. A zombie session looks healthy but never gets a job. */
export interface RunnerSession {
  readonly id: string
  readonly runnerId: number
  readonly zombie: boolean
  ended: boolean
  lastSeenAt: number
  openPolls: number
}

/** A registration, kept after deletion (with `registered: false`) so old configs are recognised. */
export interface RunnerRecord {
  readonly id: number
  readonly name: string
  readonly scope: Scope
  readonly scopeKey: string
  readonly groupId: number
  readonly labels: readonly RunnerLabel[]
  readonly workFolder: string
  /** The per-runner secret the JIT config's `.credentials` carries. */
  readonly secret: string
  readonly createdAt: number
  version: string | null
  registered: boolean
  deletedAt: number | null
  sessionsCreated: number
  readonly sessions: RunnerSession[]
  /** The job the runner is running (it is busy while this is set). */
  jobId: number | null
}

/** What a new registration needs. */
export interface NewRunner {
  readonly name: string
  readonly groupId: number
  readonly labels: readonly string[]
  readonly workFolder: string
}

/** All registrations, by id and by secret. */
export class RunnerStore {
  private readonly runners = new Map<number, RunnerRecord>()
  private readonly labelIds = new Map<string, number>()
  private nextId = 1

  constructor(private readonly now: () => number = Date.now) {}

  /** Registers a runner, or says the name is taken in that scope (GitHub's 409). */
  create(scope: Scope, spec: NewRunner): RunnerRecord | 'name-taken' {
    const key = scopeKey(scope)
    const taken = [...this.runners.values()].some(
      (r) => r.registered && r.scopeKey === key && r.name.toLowerCase() === spec.name.toLowerCase(),
    )
    if (taken) return 'name-taken'
    const record: RunnerRecord = {
      id: this.nextId++,
      name: spec.name,
      scope,
      scopeKey: key,
      groupId: spec.groupId,
      labels: spec.labels.map((name) => ({ id: this.labelId(name), name, type: 'custom' })),
      workFolder: spec.workFolder,
      secret: randomBytes(24).toString('hex'),
      createdAt: this.now(),
      version: null,
      registered: true,
      deletedAt: null,
      sessionsCreated: 0,
      sessions: [],
      jobId: null,
    }
    this.runners.set(record.id, record)
    return record
  }

  /** A registered runner of `scope` by id. */
  find(scope: Scope, id: number): RunnerRecord | undefined {
    const runner = this.runners.get(id)
    return runner && runner.registered && runner.scopeKey === scopeKey(scope) ? runner : undefined
  }

  /** A runner (registered or deleted) by id. */
  get(id: number): RunnerRecord | undefined {
    return this.runners.get(id)
  }

  /** Registered runners of `scope`, oldest first, as GitHub lists them. */
  list(scope: Scope): RunnerRecord[] {
    const key = scopeKey(scope)
    return [...this.runners.values()].filter((r) => r.registered && r.scopeKey === key)
  }

  /** Every runner ever registered, deleted ones included. */
  all(): RunnerRecord[] {
    return [...this.runners.values()]
  }

  /** The runner whose JIT config carries `secret`, deleted or not. */
  bySecret(secret: string): RunnerRecord | undefined {
    return [...this.runners.values()].find((r) => r.secret === secret)
  }

  /** The session `id` with its runner. */
  session(id: string): { runner: RunnerRecord; session: RunnerSession } | undefined {
    for (const runner of this.runners.values()) {
      const session = runner.sessions.find((s) => s.id === id)
      if (session) return { runner, session }
    }
    return undefined
  }

  /** Opens a session; every session after a config's first is a zombie (ARC #4588). */
  openSession(runner: RunnerRecord): RunnerSession {
    runner.sessionsCreated += 1
    const session: RunnerSession = {
      id: randomBytes(12).toString('hex'),
      runnerId: runner.id,
      zombie: runner.sessionsCreated > 1,
      ended: false,
      lastSeenAt: this.now(),
      openPolls: 0,
    }
    runner.sessions.push(session)
    return session
  }

  /** Deletes a registration and ends its sessions; zombies never notice (they never listen). */
  unregister(runner: RunnerRecord): void {
    runner.registered = false
    runner.deletedAt = this.now()
    for (const session of runner.sessions) if (!session.zombie) session.ended = true
  }

  /** Forgets every runner. */
  reset(): void {
    this.runners.clear()
    this.labelIds.clear()
    this.nextId = 1
  }

  private labelId(name: string): number {
    const key = name.toLowerCase()
    let id = this.labelIds.get(key)
    if (id === undefined) {
      id = this.labelIds.size + 1
      this.labelIds.set(key, id)
    }
    return id
  }
}

/** Whether a session counts as connected: polling now, or seen within `offlineAfterMs`. */
export function sessionAlive(session: RunnerSession, now: number, offlineAfterMs: number): boolean {
  return !session.ended && (session.openPolls > 0 || now - session.lastSeenAt < offlineAfterMs)
}

/** GitHub's `status`: online while some session of the registration is alive. */
export function runnerStatus(
  runner: RunnerRecord,
  now: number,
  offlineAfterMs: number,
): 'online' | 'offline' {
  return runner.sessions.some((s) => sessionAlive(s, now, offlineAfterMs)) ? 'online' : 'offline'
}

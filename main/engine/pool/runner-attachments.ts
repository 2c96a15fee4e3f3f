import { err, ok, type Result } from '../../../common/result'
import type { Target } from '../../../common/target'
import type { RunnerContainerSpec } from '../docker/docker-port'

/** The container spec fields an attachment may add (mounts, a socket, environment). */
export type RunnerSpecExtras = Partial<
  Pick<
    RunnerContainerSpec,
    'dockerSocket' | 'dockerSocketSource' | 'workFolder' | 'extraBinds' | 'privateCgroupns' | 'env'
  >
>

/** One runner's attachments, set up. */
export interface Attached {
  /** Merged into the runner's container spec (binds and environment are concatenated). */
  readonly spec: RunnerSpecExtras
  /** Undoes the setup once the container is gone; what it could not undo is the error. */
  release(): Promise<Result<void, string>>
}

/** Which runner is being set up. */
export interface AttachRequest {
  readonly name: string
  readonly target: Target
}

/**
 * What a runner gets besides its container: host folders, a Docker proxy for its jobs, cache
 * volumes. The pool asks for them before it creates the container and releases them after it
 * removed it; it never knows what they are. Each feature is one attachment; `composeAttachments`
 * joins them.
 */
export interface RunnerAttachments {
  /**
   * The work folder the runner registers with (the JIT config's work_folder), or null for the
   * runner's own default. Decided from the name alone, so a spare registered early gets it too.
   */
  workFolder(name: string): string | null
  /** Sets up one runner's attachments; a failure fails the runner's creation with its message. */
  attach(request: AttachRequest): Promise<Result<Attached, string>>
  /**
   * Whether a runner left running by an earlier process can be adopted: false when an attachment
   * lived in that process (a Docker proxy), since its container cannot reach a new one.
   */
  readonly adoptable: boolean
  /** At start, after recovery: releases what runners that are not `live` left behind. */
  sweep(live: ReadonlySet<string>): Promise<Result<void, string>>
}

/** A pool whose runners need nothing besides their container. */
export const NO_ATTACHMENTS: RunnerAttachments = {
  workFolder: () => null,
  attach: async () => ok({ spec: {}, release: async () => ok(undefined) }),
  adoptable: true,
  sweep: async () => ok(undefined),
}

/** Joins two container spec additions: lists concatenate, later scalars win. */
export function mergeSpecExtras(a: RunnerSpecExtras, b: RunnerSpecExtras): RunnerSpecExtras {
  return {
    ...a,
    ...b,
    extraBinds: [...(a.extraBinds ?? []), ...(b.extraBinds ?? [])],
    env: [...(a.env ?? []), ...(b.env ?? [])],
  }
}

/**
 * Several attachments as one: set up in order, released in reverse; a failure part-way releases
 * what was already set up, so a failed creation leaves nothing behind.
 */
export function composeAttachments(parts: readonly RunnerAttachments[]): RunnerAttachments {
  return {
    workFolder: (name) =>
      parts.reduce<string | null>((found, part) => found ?? part.workFolder(name), null),
    adoptable: parts.every((p) => p.adoptable),
    async attach(request) {
      const done: Attached[] = []
      for (const part of parts) {
        const attached = await part.attach(request)
        if (!attached.ok) {
          await releaseAll(done)
          return attached
        }
        done.push(attached.value)
      }
      return ok({
        spec: done.reduce<RunnerSpecExtras>((spec, a) => mergeSpecExtras(spec, a.spec), {}),
        release: () => releaseAll(done),
      })
    },
    async sweep(live) {
      const problems: string[] = []
      for (const part of parts) {
        const swept = await part.sweep(live)
        if (!swept.ok) problems.push(swept.error)
      }
      return problems.length === 0 ? ok(undefined) : err(problems.join(' '))
    },
  }
}

async function releaseAll(done: readonly Attached[]): Promise<Result<void, string>> {
  const problems: string[] = []
  for (const attached of [...done].reverse()) {
    const released = await attached.release()
    if (!released.ok) problems.push(released.error)
  }
  return problems.length === 0 ? ok(undefined) : err(problems.join(' '))
}

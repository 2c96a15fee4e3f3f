import type { Result } from '../../../common/result'
import type { GitHubFailure } from '../github/github-failure'
import type { JitRunner } from '../github/github-port'
import type { Attached } from './runner-attachments'

/**
 * A successor registered ahead, with its attachments (folders, caches) already set up when they
 * could be, so its start after the job is one container start and nothing else.
 */
export interface Spare extends JitRunner {
  readonly attached: Attached | null
}

/**
 * Successors registered ahead of need. While a runner runs its job, the JIT config of the runner
 * that will replace it is minted, so the replacement after the job costs one container start
 * instead of an API round trip plus a start (issue 4, replacement gap). A spare shows on GitHub as
 * an offline runner until it starts; one that is no longer needed is deleted, and one a crash
 * leaves behind is an offline registration with our prefix, which recovery already removes.
 */
export class SpareRegistrations {
  private readonly ready: Spare[] = []
  private readonly pending = new Set<string>()
  private generation = 0
  /** How many are wanted now: one that arrives beyond it is deleted. */
  private wanted = 0

  constructor(
    private readonly newName: () => string,
    private readonly mint: (name: string) => Promise<Result<Spare, GitHubFailure>>,
    private readonly discard: (spare: Spare) => Promise<void>,
  ) {}

  /** Mints in the background until `wanted` spares are ready or on their way. */
  fill(wanted: number): void {
    this.wanted = wanted
    while (this.ready.length + this.pending.size < wanted) {
      const name = this.newName()
      const generation = this.generation
      this.pending.add(name)
      void this.mint(name).then(async (minted) => {
        this.pending.delete(name)
        if (!minted.ok) return
        // Cleared while minting: nobody wants it any more.
        if (generation !== this.generation) return this.discard(minted.value)
        // Its job ended before it was ready (its successor registered afresh): not needed now.
        if (this.ready.length >= this.wanted) return this.discard(minted.value)
        this.ready.push(minted.value)
      })
    }
  }

  /**
   * Keeps at most `wanted` spares (as many as runners are busy): the rest are deleted, and so is
   * one still minting that arrives beyond it. A spare is a busy runner's successor; one whose
   * runner's job ended before it was ready would otherwise sit on GitHub as an offline runner.
   */
  trim(wanted: number): Promise<void> {
    this.wanted = wanted
    const extra = this.ready.splice(Math.max(0, wanted))
    return Promise.all(extra.map((s) => this.discard(s))).then(() => undefined)
  }

  /** A ready spare for a runner about to be created, or null. */
  take(): Spare | null {
    return this.ready.shift() ?? null
  }

  /** Whether a registration name is a spare (the sweep must not delete it as stale). */
  has(name: string): boolean {
    return this.pending.has(name) || this.ready.some((s) => s.name === name)
  }

  /** The names of every spare, ready or minting. */
  names(): ReadonlySet<string> {
    return new Set([...this.pending, ...this.ready.map((s) => s.name)])
  }

  /** Deletes every spare (the pool shrank or stops); spares still minting are deleted on arrival. */
  async clear(): Promise<void> {
    this.generation++
    const spares = this.ready.splice(0)
    await Promise.all(spares.map((s) => this.discard(s)))
  }
}

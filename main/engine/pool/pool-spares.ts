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
  /** Spares being minted: each one's whole course, discard on arrival included. */
  private readonly pending = new Map<string, Promise<void>>()
  /** Pending spares a runner was created for: it waits for them (`claim`). */
  private readonly claimed = new Map<string, (spare: Spare | null) => void>()
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
    while (this.ready.length + this.unclaimed().length < wanted) {
      const name = this.newName()
      const generation = this.generation
      const course = this.mint(name).then(async (minted) => {
        this.pending.delete(name)
        const claimer = this.claimed.get(name)
        this.claimed.delete(name)
        // A runner waits for it: it is that runner's now, whatever happened meanwhile.
        if (claimer) return claimer(minted.ok ? minted.value : null)
        if (!minted.ok) return
        // Cleared while minting: nobody wants it any more.
        if (generation !== this.generation) return this.discard(minted.value)
        // Its job ended before it was ready (its successor registered afresh): not needed now.
        if (this.ready.length >= this.wanted) return this.discard(minted.value)
        this.ready.push(minted.value)
      })
      this.pending.set(name, course)
    }
  }

  /**
   * Keeps at most `wanted` spares (as many as runners need a successor): the rest are deleted, and
   * so is one still minting that arrives beyond it, unless a runner waits for it. A spare whose
   * runner's job ended long before it was ready would otherwise sit on GitHub as an offline runner.
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

  /**
   * The oldest spare still being minted, for a runner about to be created when none is ready: the
   * runner takes its name and waits for it (null: minting failed, the runner registers itself).
   * Waiting for a spare that began during the job is quicker than starting over, since its setup
   * (registration, folders, caches) is already under way.
   */
  claim(): { readonly name: string; readonly spare: Promise<Spare | null> } | null {
    const name = this.unclaimed()[0]
    if (name === undefined) return null
    const spare = new Promise<Spare | null>((resolve) => this.claimed.set(name, resolve))
    return { name, spare }
  }

  /** Whether a registration name is a spare (the sweep must not delete it as stale). */
  has(name: string): boolean {
    return this.pending.has(name) || this.ready.some((s) => s.name === name)
  }

  /** The names of every spare, ready or minting. */
  names(): ReadonlySet<string> {
    return new Set([...this.pending.keys(), ...this.ready.map((s) => s.name)])
  }

  /**
   * Deletes every spare (the pool shrank or stops), and waits for those still minting to arrive
   * and go too, so that no spare's registration or setup outlives a stop.
   */
  async clear(): Promise<void> {
    this.generation++
    const spares = this.ready.splice(0)
    await Promise.all([...spares.map((s) => this.discard(s)), ...this.pending.values()])
  }

  private unclaimed(): string[] {
    return [...this.pending.keys()].filter((name) => !this.claimed.has(name))
  }
}

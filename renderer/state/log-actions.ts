import type { StoreKit } from './app-store'
import { mergeFetched, selectSource } from './log-view'

/** Actions of the log viewer. */
export interface LogActions {
  /** Shows a source (null = all runners): reads what is kept, then follows live lines. */
  openLogs(runner: string | null, force?: boolean): void
  /** The viewer closed: stop keeping lines. */
  closeLogs(): void
  /** Re-reads the lines after `afterSeq` that the host skipped (a jump in the engine-wide sequence). */
  fillLogGap(afterSeq: number): Promise<void>
}

// A first screenful comes fast; older lines than this are rarely wanted and cost a big frame.
const BACKFILL_LIMIT = 50_000

/** The log viewer's actions: backfill with `readLogs`, then merge live lines by seq. */
export function createLogActions(kit: StoreKit): LogActions {
  let epoch = 0
  let filling = false
  let missedFrom: number | null = null

  async function read(
    runner: string | null,
    afterSeq: number | undefined,
    mine: number,
  ): Promise<void> {
    const capacity = kit.get().logs.buffer.capacity
    try {
      const result = await kit.client.call('readLogs', {
        runner,
        ...(afterSeq !== undefined && afterSeq > 0 ? { afterSeq } : {}),
        limit: Math.min(capacity, BACKFILL_LIMIT),
      })
      if (mine !== epoch) return
      const logs = kit.get().logs
      kit.set({
        logs: {
          ...logs,
          loading: false,
          error: null,
          sources: result.sources,
          buffer: mergeFetched(logs.buffer, result.entries),
        },
      })
    } catch (error) {
      if (mine !== epoch) return
      kit.set({ logs: { ...kit.get().logs, loading: false, error: (error as Error).message } })
    }
  }

  return {
    openLogs(runner, force = false) {
      const logs = kit.get().logs
      if (!force && logs.active && logs.runner === runner && logs.error === null) return
      const mine = ++epoch
      kit.set({ logs: selectSource(logs, runner) })
      void read(runner, undefined, mine)
    },
    closeLogs() {
      epoch++
      const logs = kit.get().logs
      kit.set({ logs: { ...selectSource(logs, null), active: false, loading: false } })
    },
    async fillLogGap(afterSeq) {
      const logs = kit.get().logs
      // A backfill in progress reads everything anyway.
      if (!logs.active || logs.loading) return
      if (filling) {
        missedFrom = Math.min(missedFrom ?? afterSeq, afterSeq)
        return
      }
      filling = true
      let from: number | null = afterSeq
      try {
        while (from !== null) {
          missedFrom = null
          await read(logs.runner, from, epoch)
          from = missedFrom
        }
      } finally {
        filling = false
      }
    },
  }
}

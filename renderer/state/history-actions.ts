import type { JobRecord } from '../../common/job-record'
import type { StoreKit } from './app-store'
import { HISTORY_VIEW_LIMIT, withJobs } from './history-state'

/** Actions of the History view. */
export interface HistoryActions {
  /** Reads the job history (newest first); jobs that finish later arrive as `job` events. */
  loadHistory(): Promise<void>
}

/** What the store calls when the engine says a job is over. */
export interface HistoryFeed extends HistoryActions {
  /** A `job` event: shown at once if the history is loaded, else kept for the load's answer. */
  jobFinished(record: JobRecord): void
}

/**
 * Loads with `listJobs`, then follows `job` events. A job that ends while `listJobs` is on its way
 * may or may not be in the answer, so it is kept aside and merged in once (`withJobs`).
 */
export function createHistoryActions(kit: StoreKit): HistoryFeed {
  let epoch = 0
  let arrived: JobRecord[] = []

  return {
    async loadHistory() {
      const mine = ++epoch
      arrived = []
      kit.set((s) => ({ history: { ...s.history, loading: true } }))
      try {
        const answer = await kit.client.call('listJobs', { limit: HISTORY_VIEW_LIMIT })
        if (mine !== epoch) return
        kit.set((s) => ({
          history: {
            ...s.history,
            records: withJobs(answer.records, arrived),
            loading: false,
            error: null,
            problem: answer.problem,
          },
        }))
        arrived = []
      } catch (error) {
        if (mine !== epoch) return
        kit.set((s) => ({
          history: { ...s.history, loading: false, error: (error as Error).message },
        }))
      }
    },
    jobFinished(record) {
      const { history } = kit.get()
      // Never asked for: a later load reads it from the history itself.
      if (history.loading) arrived.push(record)
      if (history.records === null) return
      kit.set({ history: { ...history, records: withJobs(history.records, [record]) } })
    },
  }
}

import type { AppState, EventPayload } from '../../common/contract'

/** The events that replace a part of the app state (logs and notices are handled elsewhere). */
export type StateEvent =
  | { event: 'snapshot'; payload: EventPayload<'snapshot'> }
  | { event: 'settings'; payload: EventPayload<'settings'> }
  | { event: 'token'; payload: EventPayload<'token'> }
  | { event: 'deviceFlow'; payload: EventPayload<'deviceFlow'> }

/** The parts of the state an event replaces. */
export type StatePatch = Partial<
  Pick<AppState, 'snapshot' | 'settings' | 'settingsWarning' | 'token' | 'deviceFlow'>
>

/** What one event changes. */
export function patchOf(change: StateEvent): StatePatch {
  switch (change.event) {
    case 'snapshot':
      return { snapshot: change.payload }
    case 'settings':
      return { settings: change.payload.settings, settingsWarning: change.payload.warning }
    case 'token':
      return { token: change.payload }
    case 'deviceFlow':
      return { deviceFlow: change.payload }
  }
}

/**
 * Combines a `getState` answer with the events that arrived while it was on its way: an event
 * sent after the engine built the answer is newer, so it wins over the answer's part.
 */
export function mergeFetchedState(fetched: AppState, newer: StatePatch): AppState {
  return { ...fetched, ...newer }
}

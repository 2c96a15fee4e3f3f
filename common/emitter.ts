/** A tiny typed event emitter usable in every layer (Node's EventEmitter is not in the browser). */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly handlers = new Map<keyof Events, Set<(value: never) => void>>()

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof Events>(event: K, handler: (value: Events[K]) => void): () => void {
    let set = this.handlers.get(event)
    if (!set) {
      set = new Set()
      this.handlers.set(event, set)
    }
    set.add(handler as (value: never) => void)
    return () => {
      set.delete(handler as (value: never) => void)
    }
  }

  /** Delivers to every handler; a throwing handler does not stop the others. */
  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        ;(handler as (v: Events[K]) => void)(value)
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }
}

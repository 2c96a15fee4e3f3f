import type { z } from 'zod'
import {
  events,
  methods,
  parseCall,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../common/contract'
import type { ConnectionStatus, Transport } from './transport'

/**
 * The renderer's typed view of the engine, derived from the contract (common/contract.ts): inputs
 * are checked before they leave, outputs and event payloads are checked when they arrive, so the
 * UI never draws a value the contract does not describe.
 */
export interface EngineClient {
  /** Calls a method; rejects with a message for the user on bad input, refusal or a lost connection. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>
  /** Listens to an event with a validated payload; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  /** The transport's connection state. */
  readonly status: ConnectionStatus
  /** Listens to connection changes. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void
  /** Closes the transport. */
  close(): void
}

/** Wraps a transport with the contract's schemas. */
export function createEngineClient(
  transport: Transport,
  warn: (message: string) => void = (message) => console.warn(message),
): EngineClient {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const checked = parseCall(method, input)
      if (!checked.ok) throw new Error(checked.message)
      // Send what the caller wrote, not the parsed value: parsing fills schema defaults
      // (settingsPatchSchema would turn a one-field patch into a full reset).
      const raw = await transport.invoke(method, input)
      const schema = methods[method].output as unknown as z.ZodType<MethodOutput<M>>
      const output = schema.safeParse(raw)
      if (!output.success) {
        const issue = output.error.issues[0]
        throw new Error(
          `RunnerDock sent an unexpected answer to ${method}${issue?.path.length ? ` at "${issue.path.join('.')}"` : ''}: ${issue?.message ?? 'malformed'}. Update RunnerDock so both sides match.`,
        )
      }
      return output.data
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const schema = events[event] as unknown as z.ZodType<EventPayload<E>>
      return transport.on(event, (payload) => {
        const parsed = schema.safeParse(payload)
        if (!parsed.success) {
          const issue = parsed.error.issues[0]
          return warn(
            `RunnerDock: dropped a malformed "${event}" event${issue?.path.length ? ` at "${issue.path.join('.')}"` : ''}: ${issue?.message ?? 'malformed'}`,
          )
        }
        listener(parsed.data)
      })
    },
    get status() {
      return transport.status
    },
    onStatus: (listener) => transport.onStatus(listener),
    close: () => transport.close(),
  }
}

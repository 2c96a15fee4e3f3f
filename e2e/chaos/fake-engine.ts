// An engine that answers every contract method with a valid sample of its output schema, for
// tests whose subject is a host (the headless server), not the engine behind it.
import {
  methodNames,
  methods,
  type EngineApi,
  type EventName,
  type EventPayload,
} from '../../common/contract'
import { Emitter } from '../../common/emitter'
import type { HostedEngine } from '../../main/engine/engine-deps'
import { sample, seededRandom } from './schema-sample'

/** A fake engine plus what it saw, so tests can tell calls reached it. */
export interface FakeEngine {
  readonly engine: HostedEngine
  readonly calls: Map<string, number>
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

/** Builds a fake engine; `seed` fixes the sampled answers. */
export function createFakeEngine(seed = 1): FakeEngine {
  const random = seededRandom(seed)
  const emitter = new Emitter<{ [E in EventName]: EventPayload<E> }>()
  const calls = new Map<string, number>()
  const api: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const method of methodNames) {
    const answer = sample(methods[method].output, random)
    api[method] = async () => {
      calls.set(method, (calls.get(method) ?? 0) + 1)
      return answer
    }
  }
  const engine = Object.assign(api as unknown as EngineApi, {
    on: emitter.on.bind(emitter),
  }) as HostedEngine
  return {
    engine,
    calls,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) =>
      emitter.emit(event, payload as never),
  }
}

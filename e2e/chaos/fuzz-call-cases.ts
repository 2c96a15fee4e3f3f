// The fuzz suite's contract calls mutated from samples of each method's schema, and text frames
// that are not calls at all, from a seed.
import { methodNames, methods } from '../../common/contract'
import { sample } from './schema-sample'
import { pick, type Random } from './fuzz-random'

const WRONG_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  true,
  '',
  'x',
  'x'.repeat(70_000),
  [],
  {},
  [[[[[[[[[[]]]]]]]]]],
  { __proto__: { polluted: true } },
  '\u0000',
  '\ud800',
  '🙂'.repeat(100),
  Number.MAX_SAFE_INTEGER + 2,
]
const WRONG_METHODS = [
  '',
  'nope',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'GETSTATE',
  'getState ',
  ' getState',
  'getState\u0000',
  'm'.repeat(64),
  'm'.repeat(65),
  'setdesired',
  'dispatch',
  'then',
]

type Json = unknown

function paths(value: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [i, v] as const)
      : Object.entries(value)
    return [at, ...entries.flatMap(([k, v]) => paths(v, [...at, k]))]
  }
  return [at]
}

function setAt(value: Json, at: Array<string | number>, by: Json): Json {
  if (at.length === 0) return by
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    Json
  >
  copy[at[0]!] = setAt(copy[at[0]!], at.slice(1), by)
  return copy
}

function deleteAt(value: Json, at: Array<string | number>): Json {
  if (at.length === 0 || value === null || typeof value !== 'object') return value
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    Json
  >
  if (at.length === 1) delete copy[at[0]!]
  else copy[at[0]!] = deleteAt(copy[at[0]!], at.slice(1))
  return copy
}

/** A contract call: method (maybe not one) and input (sampled from its schema, then mutated). */
export interface CallCase {
  readonly kind: string
  readonly method: unknown
  readonly input: unknown
}

/** Calls generated from each method's input schema and mutated: wrong types, keys, methods. */
export function callCases(random: Random, count: number): CallCase[] {
  const cases: CallCase[] = []
  for (let n = 0; n < count; n++) {
    const method = pick(random, methodNames)
    const seed = sample(methods[method].input, random)
    const choice = random()
    if (choice < 0.1) {
      cases.push({ kind: 'valid', method, input: seed })
    } else if (choice < 0.2) {
      cases.push({
        kind: 'wrong-method',
        method: pick(random, [...WRONG_METHODS, 42, null, ['getState'], { m: 1 }]),
        input: seed,
      })
    } else if (choice < 0.3) {
      cases.push({ kind: 'wrong-input-type', method, input: pick(random, WRONG_VALUES) })
    } else if (choice < 0.6) {
      const at = pick(random, paths(seed))
      cases.push({
        kind: 'wrong-field-type',
        method,
        input: setAt(seed, at, pick(random, WRONG_VALUES)),
      })
    } else if (choice < 0.75) {
      const at = pick(random, paths(seed))
      cases.push({ kind: 'missing-field', method, input: deleteAt(seed, at) })
    } else if (choice < 0.9) {
      const at = pick(
        random,
        paths(seed).filter((p) => {
          const v = p.reduce<Json>((o, k) => (o as Record<string | number, Json>)?.[k], seed)
          return v !== null && typeof v === 'object' && !Array.isArray(v)
        }),
      )
      cases.push({
        kind: 'extra-field',
        method,
        input: setAt(
          seed,
          [...(at ?? []), pick(random, ['extra', '__proto__', 'constructor', 'x'.repeat(100)])],
          pick(random, WRONG_VALUES),
        ),
      })
    } else {
      const other = pick(random, methodNames)
      cases.push({
        kind: 'other-methods-input',
        method,
        input: sample(methods[other].input, random),
      })
    }
  }
  return cases
}

/** Text frames that are not calls at all: wrong JSON, wrong frame shapes, wrong ids. */
export function frameJsonCases(
  random: Random,
  count: number,
): Array<{ kind: string; text: string }> {
  const texts: Array<[string, () => string]> = [
    [
      'not-json',
      () =>
        pick(random, [
          'not json',
          '{',
          '{"type":"call",}',
          "{'a':1}",
          'NaN',
          '',
          ' ',
          '[1,2',
          '\u0000',
        ]),
    ],
    ['deep-json', () => '['.repeat(100_000) + ']'.repeat(100_000)],
    [
      'wrong-shape',
      () =>
        JSON.stringify(
          pick(random, [
            null,
            1,
            'call',
            [],
            {},
            { type: 'call' },
            { type: 'result', id: 1 },
            { type: 'call', id: 1 },
            { id: 1, method: 'getState' },
          ]),
        ),
    ],
    [
      'wrong-id',
      () =>
        JSON.stringify({
          type: 'call',
          id: pick(random, [-1, 1.5, '1', null, 2 ** 60, {}]),
          method: 'getState',
          input: {},
        }),
    ],
    [
      'wrong-method-type',
      () =>
        JSON.stringify({
          type: 'call',
          id: 1,
          method: pick(random, [1, null, {}, [], 'm'.repeat(65)]),
          input: {},
        }),
    ],
  ]
  return Array.from({ length: count }, (_, n) => {
    const [kind, make] = texts[n % texts.length]!
    return { kind, text: make() }
  })
}

// Values generated from the contract's own zod schemas: valid samples (for a fake engine's answers
// and as seeds) and the paths to every string and array inside a schema (for mutations and the
// "no unbounded input" checks). Reads zod 4's schema definitions (`_zod.def`), nothing else.
import type { z } from 'zod'

type Schema = z.ZodType
interface Def {
  readonly type: string
  readonly shape?: Record<string, Schema>
  readonly innerType?: Schema
  readonly element?: Schema
  readonly options?: readonly Schema[]
  readonly in?: Schema
  readonly out?: Schema
  readonly values?: readonly unknown[]
  readonly entries?: Record<string, unknown>
  readonly checks?: readonly { _zod: { def: { check: string; minimum?: number } } }[]
}

function def(schema: Schema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def
}

/** A small deterministic random source (mulberry32), so a failing run can be replayed by seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Strings that satisfy the contract's string formats; the first one a schema accepts is used.
const STRING_CANDIDATES = [
  'octo',
  'hello-world',
  'abcd1234',
  'https://api.github.com',
  'https://github.com/octo',
  `ghp_${'A1b2C3d4'.repeat(4)}1234`,
  'runner-1',
  'gpu',
  'x',
  'Iv1.0123456789abcdef',
]
const NUMBER_CANDIDATES = [1, 0, 3, 64, 100, 1.5, 1000, 2048, 9473, -1]

function minItems(d: Def): number {
  for (const c of d.checks ?? []) {
    if (c._zod.def.check === 'min_length') return c._zod.def.minimum ?? 0
  }
  return 0
}

/**
 * A value the schema accepts, choosing union branches and nullables at random. Throws when no
 * candidate fits (a new string format needs a candidate above).
 */
export function sample(schema: Schema, random: () => number = Math.random): unknown {
  const value = build(schema, random)
  const checked = schema.safeParse(value)
  if (!checked.success) throw new Error(`no valid sample: ${checked.error.issues[0]?.message}`)
  return value
}

function build(schema: Schema, random: () => number): unknown {
  const d = def(schema)
  switch (d.type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [key, field] of Object.entries(d.shape ?? {})) {
        const inner = def(field)
        if (inner.type === 'optional' && random() < 0.3) continue
        out[key] = build(field, random)
      }
      return out
    }
    case 'string': {
      const fit = STRING_CANDIDATES.find((c) => schema.safeParse(c).success)
      if (fit === undefined) throw new Error('no string candidate fits a schema')
      return fit
    }
    case 'number': {
      const fit = NUMBER_CANDIDATES.find((c) => schema.safeParse(c).success)
      if (fit === undefined) throw new Error('no number candidate fits a schema')
      return fit
    }
    case 'boolean':
      return random() < 0.5
    case 'null':
      return null
    case 'literal':
      return d.values?.[0]
    case 'enum': {
      const values = Object.values(d.entries ?? {})
      return values[Math.floor(random() * values.length)]
    }
    case 'nullable':
      return random() < 0.3 ? null : build(d.innerType!, random)
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return build(d.innerType!, random)
    case 'pipe':
      return build(pipeSide(d), random)
    case 'union': {
      const options = d.options ?? []
      return build(options[Math.floor(random() * options.length)]!, random)
    }
    case 'array':
      return Array.from({ length: Math.max(minItems(d), random() < 0.5 ? 1 : 0) }, () =>
        build(d.element!, random),
      )
    case 'unknown':
    case 'any':
      return null
    case 'record':
      return {}
    default:
      throw new Error(`schema-sample does not know zod type "${d.type}"`)
  }
}

// A pipe's input side, or its output side when the input is a preprocess step (z.preprocess).
function pipeSide(d: ReturnType<typeof def>): Schema {
  return def(d.in!).type === 'transform' ? d.out! : d.in!
}

/** Where a string or array sits inside a schema: object keys, `[]` for an array's elements. */
export interface LeafPath {
  readonly path: readonly string[]
  readonly kind: 'string' | 'array'
  readonly schema: Schema
}

/** Every string and array reachable in a schema, through objects, unions, wrappers and arrays. */
export function leaves(schema: Schema, at: readonly string[] = []): LeafPath[] {
  const d = def(schema)
  switch (d.type) {
    case 'string':
      return [{ path: at, kind: 'string', schema }]
    case 'array':
      return [{ path: at, kind: 'array', schema }, ...leaves(d.element!, [...at, '[]'])]
    case 'object':
      return Object.entries(d.shape ?? {}).flatMap(([key, field]) => leaves(field, [...at, key]))
    case 'union':
      return (d.options ?? []).flatMap((option) => leaves(option, at))
    case 'nullable':
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return leaves(d.innerType!, at)
    case 'pipe':
      return leaves(pipeSide(d), at)
    default:
      return []
  }
}

/** The largest length a string or array schema allows (Infinity without a max). */
export function maxLength(schema: Schema): number {
  let max = Infinity
  for (const c of def(schema).checks ?? []) {
    const check = c._zod.def as { check: string; maximum?: number }
    if (check.check === 'max_length' && check.maximum !== undefined)
      max = Math.min(max, check.maximum)
  }
  return max
}

import { parse } from 'yaml'

/** The YAML kinds a value can have, as the checks against the chart compare them. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'map' | 'seq'

/** Key paths (`template.spec.containers[].image`) and every kind seen at each. */
export type KeyPaths = Map<string, Set<ValueKind>>

function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'seq'
  if (typeof value === 'object') return 'map'
  if (typeof value === 'number' || typeof value === 'bigint') return 'number'
  if (typeof value === 'boolean') return 'boolean'
  return 'string'
}

/**
 * Every key path in a parsed YAML value with its kind; sequence items share one path ending in
 * `[]`. Used for the exporter's values and for the chart's, so both sides are read the same way.
 */
export function keyPathsOf(value: unknown, into: KeyPaths = new Map(), path = ''): KeyPaths {
  if (path !== '') {
    const kinds = into.get(path) ?? new Set<ValueKind>()
    kinds.add(kindOf(value))
    into.set(path, kinds)
  }
  if (Array.isArray(value)) for (const item of value) keyPathsOf(item, into, `${path}[]`)
  else if (value !== null && typeof value === 'object')
    for (const [key, child] of Object.entries(value))
      keyPathsOf(child, into, path === '' ? key : `${path}.${key}`)
  return into
}

/** A commented-out block of the chart's values, put back as YAML text. */
export interface CommentedBlock {
  /** The top-level key the block documents, e.g. `minRunners`. */
  readonly key: string
  readonly yaml: string
}

const SINGLE_HASH = /^(\s*)# ?(?!#)(.*)$/ // one `#`: commented-out YAML (or a comment inside it)
const PROSE = /^\s*##/ // two or more: the chart's explanations, never keys
const TOP_LEVEL_KEY = /^([A-Za-z_][\w.-]*):(\s|$)/

/**
 * Finds the keys ARC's values.yaml documents only as comments (`# minRunners: 0`,
 * `# containerMode:` and its indented lines) and returns each as YAML text. The chart's
 * conventions, which this relies on:
 * - a line starting (after any indentation) with a single `#` is commented-out YAML: removing the
 *   `#` and one space gives the line back, indentation included;
 * - a line starting with `##` is prose, and so are the `##` examples inside `template`;
 * - a block starts at a single-`#` line at column 0 that holds a top-level key, and runs until a
 *   blank line, a prose line, real YAML, or the next top-level key.
 * Commented lines that are not inside such a block (an example under a real key) are ignored.
 */
export function commentedBlocks(valuesText: string): CommentedBlock[] {
  const blocks: { key: string; lines: string[] }[] = []
  let current: { key: string; lines: string[] } | null = null
  for (const line of valuesText.split(/\r?\n/)) {
    const single = PROSE.test(line) ? null : SINGLE_HASH.exec(line)
    if (!single) {
      current = null
      continue
    }
    const text = `${single[1]}${single[2]}`
    const top = single[1] === '' ? TOP_LEVEL_KEY.exec(text) : null
    if (top) {
      current = { key: top[1]!, lines: [text] }
      blocks.push(current)
    } else current?.lines.push(text)
  }
  return blocks.map((b) => ({ key: b.key, yaml: b.lines.join('\n') }))
}

/** The chart's key paths: real values and commented-out ones, and the blocks that did not parse. */
export interface ChartKeyPaths {
  readonly paths: KeyPaths
  /** Keys of commented-out blocks that are not valid YAML once uncommented. */
  readonly unreadable: readonly string[]
}

/** Reads every key path a chart's values.yaml sets or documents in comments, with its kinds. */
export function chartKeyPaths(valuesText: string): ChartKeyPaths {
  const paths = keyPathsOf(parse(valuesText))
  const unreadable: string[] = []
  for (const block of commentedBlocks(valuesText)) {
    let value: unknown
    try {
      value = parse(block.yaml)
    } catch {
      unreadable.push(block.key)
      continue
    }
    keyPathsOf(value, paths)
  }
  return { paths, unreadable }
}

// Runtime checks of the emulator's answers against GitHub's schemas. The schemas exist only as
// types (@octokit/openapi-types, see github-types.ts), so each spec lists a schema's required
// fields and the compiler checks the list: a field GitHub requires cannot be left out of it, and a
// field it does not define cannot be put in. The spec then checks the JSON it received has them all.
import { expect } from 'vitest'

/** The keys of `T` that are not optional. */
export type RequiredKeys<T> = {
  [K in keyof T]-?: object extends Pick<T, K> ? never : K
}[keyof T] &
  string

type Missing<T, K extends readonly string[]> = Exclude<RequiredKeys<T>, K[number]>

/**
 * `requiredKeys<Runner>()(['id', 'name', ...])` returns the list when it names every required key
 * of `Runner`; when one is missing, the call needs a second argument whose type names it.
 */
export function requiredKeys<T>() {
  return <const K extends readonly RequiredKeys<T>[]>(
    keys: K,
    ..._complete: [Missing<T, K>] extends [never] ? [] : [missing: Missing<T, K>]
  ): readonly string[] => keys
}

/** Fails unless `value` is a JSON object with every key in `keys` (null counts: it is a value). */
export function expectFields(value: unknown, keys: readonly string[], what = 'object'): void {
  expect(value, what).toBeTypeOf('object')
  expect(value, what).not.toBeNull()
  const present = Object.keys(value as object)
  const missing = keys.filter((k) => !present.includes(k))
  expect(missing, `${what} lacks required fields`).toEqual([])
}

/**
 * Ends every exhaustive `switch` over a union (GitHub Desktop `lib/fatal-error.ts`): adding a
 * member without handling it becomes a compile error, and a value smuggled past the types throws.
 */
export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`)
}

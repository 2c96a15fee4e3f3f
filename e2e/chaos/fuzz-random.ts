// What the fuzz suite's case generators share: a seeded random source, picking and bytes.

/** A seeded random source in [0, 1) (seededRandom). */
export type Random = () => number

/** One of `items`, drawn from `random`. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

/** `length` bytes drawn from `random`. */
export function randomBytes(random: Random, length: number): Buffer {
  const bytes = Buffer.alloc(length)
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256)
  return bytes
}

// Small statistics for the chaos suites' figures (one decimal, like the other suites).

/** The value at fraction `p` of the sorted values (0.5 the median), one decimal; 0 when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const at = sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
  return Math.round(at * 10) / 10
}

/** The largest value, 0 when empty. */
export function maximum(values: readonly number[]): number {
  return values.length === 0 ? 0 : Math.max(...values)
}

// Small statistics for the chaos suites' figures (one decimal, like the other suites).

/** The value at fraction `p` of the sorted values (0.5 the median), one decimal, as figures show it; 0 when empty (a suite that stopped early still writes its figures). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const at = sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
  return Math.round(at * 10) / 10
}

/** The largest value; 0 when empty, where `Math.max()` would give -Infinity to a figure. */
export function maximum(values: readonly number[]): number {
  return values.length === 0 ? 0 : Math.max(...values)
}

import { formatBytes, type CacheList } from '../../common/cache-status'

/**
 * `runnerdock cache list` as text: one row per cache (target, size, who uses it), then the total
 * against the cap, and a line when caches are off. `only` keeps one target's rows.
 */
export function formatCacheTable(list: CacheList, only: string | null = null): string {
  const rows = list.caches.filter((c) => only === null || c.key === only)
  const lines: string[] = []
  if (!list.enabled)
    lines.push(
      'Caches are off (settings: caches): runners start without them. What is kept stays until cleared.',
    )
  if (rows.length === 0) {
    lines.push(only === null ? 'No caches yet: they fill as jobs run.' : `No cache for ${only}.`)
  } else {
    const table = rows.map((c) => [
      c.key ?? '(unlabelled volume)',
      formatBytes(c.bytes),
      c.retired
        ? 'cleared; goes when its runner ends'
        : c.inUse > 0
          ? `in use by ${c.inUse} runner${c.inUse === 1 ? '' : 's'}`
          : 'idle',
    ])
    const head = ['TARGET', 'SIZE', 'STATE']
    const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)))
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd()
    lines.push(line(head), ...table.map(line))
  }
  lines.push(`Total ${formatBytes(list.totalBytes)} of a ${formatBytes(list.limitBytes)} cap.`)
  return lines.join('\n')
}

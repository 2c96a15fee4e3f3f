/** A chart's key: colour swatches from the theme (classes in history.css), never inline styles. */
export function ChartLegend({ items }: { items: readonly { label: string; swatch: string }[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {items.map((item) => (
        <li key={item.label}>
          <span className={`swatch swatch-${item.swatch}`} />
          {item.label}
        </li>
      ))}
    </ul>
  )
}

/** The result kinds in the order the charts stack them. */
export const RESULT_LEGEND = [
  { label: 'succeeded', swatch: 'succeeded' },
  { label: 'failed', swatch: 'failed' },
  { label: 'canceled', swatch: 'canceled' },
  { label: 'other', swatch: 'other' },
] as const

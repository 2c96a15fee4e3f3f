import { useId } from 'react'

/** The pool size control: 0..max, the chosen value shown next to it as it moves. */
export function ScaleSlider({
  value,
  max,
  label = 'Runners wanted',
  onChange,
}: {
  value: number
  max: number
  label?: string
  onChange: (count: number) => void
}) {
  const id = useId()
  return (
    <div className="scale">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={max}
        step={1}
        value={Math.min(value, max)}
        aria-valuetext={`${value} ${value === 1 ? 'runner' : 'runners'}`}
        data-testid="scale-slider"
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
      <output htmlFor={id} className="scale-value">
        {value}
      </output>
      <span className="scale-max" aria-hidden="true">
        of {max}
      </span>
    </div>
  )
}

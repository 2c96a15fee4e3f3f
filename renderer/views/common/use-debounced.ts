import { useEffect, useMemo, useRef } from 'react'

/** A debounced function and a way to run what is pending right away. */
export interface Debounced<A extends unknown[]> {
  (...args: A): void
  flush(): void
  cancel(): void
}

/**
 * Calls `fn` once input settles for `ms` (the scale slider sends one setDesired per drag, not
 * one per pixel). A pending call still runs when the component unmounts, so no change is lost.
 */
export function useDebounced<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): Debounced<A> {
  const latest = useRef(fn)
  useEffect(() => {
    latest.current = fn
  })
  const debounced = useMemo(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    let pending: A | null = null
    const run = () => {
      if (timer !== null) clearTimeout(timer)
      timer = null
      const args = pending
      pending = null
      if (args) latest.current(...args)
    }
    const call = ((...args: A) => {
      pending = args
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(run, ms)
    }) as Debounced<A>
    call.flush = run
    call.cancel = () => {
      if (timer !== null) clearTimeout(timer)
      timer = null
      pending = null
    }
    return call
  }, [ms])
  useEffect(() => () => debounced.flush(), [debounced])
  return debounced
}

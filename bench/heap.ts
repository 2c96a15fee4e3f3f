// Live heap, garbage collected first: what the engine keeps, not what it has yet to free.
import v8 from 'node:v8'
import vm from 'node:vm'

let gc: (() => void) | null = null

/** Heap in use after a full garbage collection, in MB (`--expose-gc` switched on at run time). */
export function liveHeapMb(): number {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc')
    gc = vm.runInNewContext('gc') as () => void
  }
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

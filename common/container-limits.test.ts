import { describe, expect, it } from 'vitest'
import { runnerLimits } from './container-limits'

const machine = { cores: 8, memoryBytes: 16 * 2 ** 30 }

describe('runnerLimits', () => {
  it('bounds every runner by default: all cores but one, half the memory, 4096 processes', () => {
    expect(runnerLimits({ cpus: null, memoryMb: null, resourceLimits: true }, machine)).toEqual({
      cpus: 7,
      memoryMb: 8192,
      pidsLimit: 4096,
    })
    expect(
      runnerLimits(
        { cpus: null, memoryMb: null, resourceLimits: true },
        { cores: 1, memoryBytes: 2 ** 30 },
      ),
    ).toEqual({ cpus: 1, memoryMb: 1024, pidsLimit: 4096 })
  })

  it('lets the user raise or lower a limit, or clear them all', () => {
    expect(runnerLimits({ cpus: 2, memoryMb: 4096, resourceLimits: true }, machine)).toMatchObject({
      cpus: 2,
      memoryMb: 4096,
    })
    expect(runnerLimits({ cpus: null, memoryMb: null, resourceLimits: false }, machine)).toEqual({
      cpus: null,
      memoryMb: null,
      pidsLimit: null,
    })
  })
})

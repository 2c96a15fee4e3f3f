import { describe, expect, it } from 'vitest'
import { runsOnLine } from './runs-on'

describe('runsOnLine', () => {
  it('is the exact label set without the installation label', () => {
    expect(
      runsOnLine(['self-hosted', 'Linux', 'X64', 'runnerdock-abcd1234', 'gpu'], 'abcd1234'),
    ).toBe('runs-on: [self-hosted, Linux, X64, gpu]')
    expect(runsOnLine(['self-hosted', 'Linux', 'X64', 'runnerdock-abcd1234'])).toBe(
      'runs-on: [self-hosted, Linux, X64]',
    )
    expect(runsOnLine([])).toBeNull()
  })
})

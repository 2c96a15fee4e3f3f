import { describe, expect, it } from 'vitest'
import { formatBytes, formatClock, formatDuration } from './format-time'

describe('formatDuration', () => {
  it('is precise while short and coarse when long', () => {
    expect(formatDuration(-5)).toBe('0 s')
    expect(formatDuration(42_900)).toBe('42 s')
    expect(formatDuration(185_000)).toBe('3 min 05 s')
    expect(formatDuration((2 * 3600 + 5 * 60 + 7) * 1000)).toBe('2 h 05 min')
    expect(formatDuration((3 * 24 + 4) * 3600 * 1000)).toBe('3 d 4 h')
  })
})

describe('formatBytes', () => {
  it('uses decimal units with one decimal', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(312_400_000)).toBe('312.4 MB')
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB')
  })
})

describe('formatClock', () => {
  it('pads hours, minutes and seconds', () => {
    expect(formatClock(new Date(2024, 0, 1, 7, 5, 9).getTime())).toBe('07:05:09')
  })
})

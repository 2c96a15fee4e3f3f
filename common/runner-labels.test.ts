import { describe, expect, it } from 'vitest'
import { archLabel, labelsSatisfy, osLabel, runnerLabelSet } from './runner-labels'

describe('runner labels', () => {
  it('sends the defaults a JIT runner does not get by itself, from Docker’s own platform', () => {
    expect(runnerLabelSet('ab12cd34', ['gpu'], { os: 'linux', arch: 'amd64' })).toEqual([
      'self-hosted',
      'Linux',
      'X64',
      'runnerdock-ab12cd34',
      'gpu',
    ])
    expect(runnerLabelSet('ab12cd34', [], { os: 'linux', arch: 'arm64' })).toContain('ARM64')
  })

  it('drops a user label that repeats a default, whatever its case', () => {
    expect(
      runnerLabelSet('ab12cd34', ['linux', 'Self-Hosted', 'x64', 'fast'], {
        os: 'linux',
        arch: 'amd64',
      }),
    ).toEqual(['self-hosted', 'Linux', 'X64', 'runnerdock-ab12cd34', 'fast'])
  })

  it('maps Go names to GitHub’s labels', () => {
    expect(['amd64', 'arm64', 'arm', '386', 'riscv64'].map(archLabel)).toEqual([
      'X64',
      'ARM64',
      'ARM',
      'X86',
      null,
    ])
    expect(['linux', 'windows', 'darwin'].map(osLabel)).toEqual(['Linux', 'Windows', 'macOS'])
  })

  it('matches runs-on as GitHub does: every job label on the runner, case-insensitively', () => {
    const ours = runnerLabelSet('ab12cd34', ['gpu'], { os: 'linux', arch: 'amd64' })
    expect(labelsSatisfy(['self-hosted', 'linux', 'x64'], ours)).toBe(true)
    expect(labelsSatisfy(['self-hosted', 'gpu'], ours)).toBe(true)
    expect(labelsSatisfy(['ubuntu-latest'], ours)).toBe(false)
    expect(labelsSatisfy(['self-hosted', 'windows'], ours)).toBe(false)
    expect(labelsSatisfy([], ours)).toBe(false)
  })
})

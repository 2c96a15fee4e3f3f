// The stand-in runner's start-up delay as `startEmulator({runnerStartupDelayMs})` sets it: carried
// in every JIT config minted (the app never reads it), changeable, and what `reset()` returns to.
import { describe, expect, it } from 'vitest'
import type { Emulator } from './index'
import { useEmulator } from './test-emulator'
import { registerRunner } from './test-runner'

let emulator: Emulator

useEmulator((started) => ({ emulator } = started), { runnerStartupDelayMs: 800 })

const mintedDelay = async (name: string) =>
  (await registerRunner(emulator.url, { name, labels: ['x'] })).files.runner.standInStartupDelayMs

describe('runnerStartupDelayMs', () => {
  it('goes into the JIT config of every runner minted, and reset() comes back to it', async () => {
    expect(await mintedDelay('a')).toBe(800)
    emulator.setRunnerStartupDelay(0)
    expect(await mintedDelay('b')).toBeUndefined()
    emulator.reset()
    expect(await mintedDelay('c')).toBe(800)
  })
})

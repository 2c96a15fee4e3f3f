import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { CRASH_EXIT_CODE, installCrashGuard } from './crash-guard'

function setup(cleanupMs = 1_000) {
  const source = new EventEmitter()
  const lines: string[] = []
  const exits: number[] = []
  const timers: (() => void)[] = []
  const guard = installCrashGuard(source, {
    log: (line) => lines.push(line),
    exit: (code) => exits.push(code),
    cleanupMs,
    setTimer: (fn) => timers.push(fn),
  })
  return { source, lines, exits, timers, guard }
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the crash guard', () => {
  it('runs every registered cleanup, then exits 70 once', async () => {
    const t = setup()
    const ran: string[] = []
    t.guard.protect(async () => void ran.push('engine'))
    t.guard.protect(async () => {
      ran.push('throws')
      throw new Error('cleanup failed')
    })
    const dropped = t.guard.protect(async () => void ran.push('disposed'))
    dropped.dispose()
    t.source.emit('uncaughtException', new Error('boom'))
    t.source.emit('unhandledRejection', 'second')
    await settle()
    expect(ran.sort()).toEqual(['engine', 'throws'])
    expect(t.exits).toEqual([CRASH_EXIT_CODE])
    expect(t.lines[0]).toMatch(/unexpected error, removing runners before exiting: Error: boom/)
    expect(t.lines).toContain('runnerdock: another error while cleaning up: second')
    t.timers.forEach((fire) => fire()) // the bound firing late changes nothing
    expect(t.exits).toEqual([CRASH_EXIT_CODE])
  })

  it('leaves after its bound when a cleanup never finishes, pointing at doctor --fix', async () => {
    const t = setup()
    t.guard.protect(() => new Promise(() => {}))
    t.source.emit('unhandledRejection', new Error('lost'))
    await settle()
    expect(t.exits).toEqual([])
    t.timers.forEach((fire) => fire())
    expect(t.exits).toEqual([CRASH_EXIT_CODE])
    expect(t.lines.at(-1)).toMatch(/doctor --fix/)
  })
})

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWindowStateFile, WINDOW_STATE_FILE_NAME } from './window-state-file'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rd-window-state-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('createWindowStateFile', () => {
  it('starts empty, then remembers each window across instances', async () => {
    const first = createWindowStateFile(path.join(dir, 'nested'))
    expect(await first.load()).toEqual({ dashboard: null, logs: null })
    await first.save('dashboard', { x: 10.4, y: 20, width: 900, height: 700 })
    await first.save('logs', { x: 30, y: 40, width: 800, height: 500 })
    const second = createWindowStateFile(path.join(dir, 'nested'))
    expect(await second.load()).toEqual({
      dashboard: { x: 10, y: 20, width: 900, height: 700 },
      logs: { x: 30, y: 40, width: 800, height: 500 },
    })
  })

  it('treats a corrupt file as empty and replaces it on the next save', async () => {
    await writeFile(path.join(dir, WINDOW_STATE_FILE_NAME), 'not json')
    const file = createWindowStateFile(dir)
    expect(await file.load()).toEqual({ dashboard: null, logs: null })
    await file.save('logs', { x: 0, y: 0, width: 600, height: 400 })
    expect(JSON.parse(await readFile(file.path, 'utf8'))).toEqual({
      dashboard: null,
      logs: { x: 0, y: 0, width: 600, height: 400 },
    })
  })
})

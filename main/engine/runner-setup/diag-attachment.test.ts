import { existsSync, promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runnerFoldersAttachment, stepOutputUnavailableAttachment } from './diag-attachment'

const target = { kind: 'repo', owner: 'acme', repo: 'app' } as const
const PAGE = '6d0fbbde-3a3d-4e31-a7c1-3f3a3c2b1a00_1b4e28ba-2fa1-11d2-883f-0016d3cca427_1.log'

const made: string[] = []
afterEach(async () => {
  for (const dir of made.splice(0)) await fsp.rm(dir, { recursive: true, force: true })
})
async function tempBase(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rd-diag-'))
  made.push(dir)
  return dir
}

describe('runnerFoldersAttachment', () => {
  it('mounts the runner’s _diag, tails its pages into step lines, removes it on release', async () => {
    const base = await tempBase()
    const steps: string[] = []
    const traces: string[] = []
    const notes: string[] = []
    const folders = runnerFoldersAttachment({
      base,
      runnerPrefix: 'rd-aaaa1111-',
      stepLine: (runner, _time, text) => steps.push(`${runner}: ${text}`),
      traceLine: (runner, _time, text) => traces.push(`${runner}: ${text}`),
      log: (runner, message) => notes.push(`${runner}: ${message}`),
      pollMs: 20,
    })
    const attached = await folders.attach({ name: 'rd-aaaa1111-0001', target })
    if (!attached.ok) throw new Error(attached.error)
    const diag = path.join(base, 'rd-aaaa1111-0001', '_diag')
    expect(attached.value.spec).toEqual({ extraBinds: [`${diag}:/home/runner/_diag`] })
    // Made beforehand, so the files the runner writes in them can be deleted without root.
    expect(existsSync(path.join(diag, 'pages'))).toBe(true)
    expect(existsSync(path.join(diag, 'blocks'))).toBe(true)

    // What the runner's worker writes while the container runs.
    await fsp.writeFile(path.join(diag, 'pages', PAGE), '\uFEFF2026-11-29T21:00:00.0000000Z hi\n')
    await expect.poll(() => steps).toEqual(['rd-aaaa1111-0001: hi'])
    // The worker's trace file: the only place its trace can be read, given its host back.
    await fsp.writeFile(
      path.join(diag, 'Worker_20261129-210000-utc.log'),
      "[2026-11-29 21:00:00Z INFO ActionManager] Check if action archive 'acme/x@0123' already exists in cache directory '/c'\n",
    )
    await expect
      .poll(() => traces)
      .toEqual([
        "rd-aaaa1111-0001: [WORKER 2026-11-29 21:00:00Z INFO ActionManager] Check if action archive 'acme/x@0123' already exists in cache directory '/c'",
      ])
    await fsp.appendFile(path.join(diag, 'pages', PAGE), '2026-11-29T21:00:01.0000000Z bye\n')
    expect(await attached.value.release()).toEqual({ ok: true, value: undefined })
    // Release reads what came last before the folder goes.
    expect(steps).toEqual(['rd-aaaa1111-0001: hi', 'rd-aaaa1111-0001: bye'])
    expect(existsSync(path.join(base, 'rd-aaaa1111-0001'))).toBe(false)
    expect(notes).toEqual([])
  })

  it('lets a runner start without step output when its folder cannot be made, and says why', async () => {
    const file = path.join(await tempBase(), 'a-file')
    await fsp.writeFile(file, 'x')
    const notes: string[] = []
    const folders = runnerFoldersAttachment({
      base: file,
      runnerPrefix: 'rd-aaaa1111-',
      stepLine: () => {},
      traceLine: () => {},
      log: (_runner, message) => notes.push(message),
    })
    const attached = await folders.attach({ name: 'rd-aaaa1111-0002', target })
    expect(attached.ok && attached.value.spec).toEqual({})
    expect(notes).toEqual([
      expect.stringMatching(
        /^Step output is not shown for this runner: RunnerDock could not create/,
      ),
    ])
  })

  it('sweeps the folders of this installation’s runners that are gone, and only those', async () => {
    const base = await tempBase()
    for (const name of ['rd-aaaa1111-0001', 'rd-aaaa1111-0002', 'rd-bbbb2222-0001'])
      await fsp.mkdir(path.join(base, name, '_diag'), { recursive: true })
    const folders = runnerFoldersAttachment({
      base,
      runnerPrefix: 'rd-aaaa1111-',
      stepLine: () => {},
      traceLine: () => {},
      log: () => {},
    })
    expect(await folders.sweep(new Set(['rd-aaaa1111-0002']))).toEqual({
      ok: true,
      value: undefined,
    })
    expect((await fsp.readdir(base)).sort()).toEqual(['rd-aaaa1111-0002', 'rd-bbbb2222-0001'])
  })
})

describe('stepOutputUnavailableAttachment', () => {
  it('says on each runner’s log why it has no step output', async () => {
    const notes: string[] = []
    const none = stepOutputUnavailableAttachment('Step output is not shown: why.', (runner, m) =>
      notes.push(`${runner}: ${m}`),
    )
    const attached = await none.attach({ name: 'rd-1', target })
    expect(attached.ok && attached.value.spec).toEqual({})
    expect(notes).toEqual(['rd-1: Step output is not shown: why.'])
  })
})

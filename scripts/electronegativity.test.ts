import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Electronegativity (Doyensec's Electron misconfiguration scanner) over the code that runs in
// Electron: the main-process shell, the preload, the renderer and common/. Any finding not in
// electronegativity-allowlist.json fails, and so does an allow-list entry nothing matches any more.

const ROOT = path.join(__dirname, '..')
const require = createRequire(__filename)

interface Issue {
  id: string
  file: string
  location: { line: number; column: number }
  description: string
}
type Run = (
  options: {
    input: string
    isRelative: boolean
    electronVersionOverride: string
    excludeFromScan: string[]
  },
  forCli: false,
) => Promise<{
  atomicChecks: number
  globalChecks: number
  issues: Issue[]
  errors: { file: string; message: string; tolerable: boolean }[]
}>

const run = require('@doyensec/electronegativity') as Run
const electronVersion = (require('electron/package.json') as { version: string }).version
// This check downloads Electron's release list; upgrades are Dependabot's job, and tests stay offline.
const OFFLINE = ['AvailableSecurityFixesGlobalCheck']
const SCANNED = ['main/electron', 'preload', 'renderer', 'common']

let staged: string
beforeAll(async () => {
  // The scanner takes one folder: copy what runs in Electron, without tests, into one.
  staged = await mkdtemp(path.join(os.tmpdir(), 'rd-electronegativity-'))
  for (const dir of SCANNED) {
    await cp(path.join(ROOT, dir), path.join(staged, dir), {
      recursive: true,
      filter: (src) => !/\.test\.tsx?$/.test(src) && !src.includes(`${path.sep}test${path.sep}`),
    })
  }
})
afterAll(async () => {
  await rm(staged, { recursive: true, force: true })
})

describe('electronegativity', () => {
  it('finds nothing beyond the reviewed allow-list', async () => {
    const allow = JSON.parse(
      await readFile(path.join(__dirname, 'electronegativity-allowlist.json'), 'utf8'),
    ) as { id: string; file: string; reason: string }[]
    for (const entry of allow)
      expect(entry.reason.length, `${entry.id} ${entry.file} needs a reason`).toBeGreaterThan(20)
    const result = await run(
      {
        input: staged,
        isRelative: true,
        electronVersionOverride: electronVersion,
        excludeFromScan: OFFLINE,
      },
      false,
    )
    expect(result.atomicChecks).toBeGreaterThan(20)
    // A file the scanner could not parse is a file it did not check.
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([])
    const key = (i: { id: string; file: string }) => `${i.id} ${i.file.split(path.sep).join('/')}`
    const allowed = new Set(allow.map(key))
    const found = result.issues.map((i) => ({
      finding: `${key(i)}:${i.location.line}`,
      description: i.description,
    }))
    expect(found.filter((f) => !allowed.has(f.finding.replace(/:\d+$/, '')))).toEqual([])
    const seen = new Set(result.issues.map(key))
    expect(
      [...allowed].filter((k) => !seen.has(k)),
      'stale allow-list entries',
    ).toEqual([])
  }, 60_000)

  // The control proves the checks our code passes are live: the same scanner, on a window without
  // isolation, sandbox, navigation limits or a permission handler, reports each of them.
  it('does flag an insecure window (the scanner reads our TypeScript)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rd-electronegativity-control-'))
    try {
      await writeFile(
        path.join(dir, 'bad.ts'),
        "import { BrowserWindow } from 'electron'\nexport const open = (): BrowserWindow => new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } })\n",
      )
      const result = await run(
        {
          input: dir,
          isRelative: true,
          electronVersionOverride: electronVersion,
          excludeFromScan: OFFLINE,
        },
        false,
      )
      expect(result.issues.map((i) => i.id)).toEqual(
        expect.arrayContaining([
          'CONTEXT_ISOLATION_JS_CHECK',
          'SANDBOX_JS_CHECK',
          'LIMIT_NAVIGATION_GLOBAL_CHECK',
          'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
        ]),
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 60_000)
})

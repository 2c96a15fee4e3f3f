import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tailPages } from './page-tailer'

const T = '6d0fbbde-3a3d-4e31-a7c1-3f3a3c2b1a00'
const R1 = '1b4e28ba-2fa1-11d2-883f-0016d3cca427'
const R2 = '9f0e5a6b-0c1d-4e2f-8a9b-0c1d2e3f4a5b'
const stamp = (s: number) => `2026-11-29T21:00:${String(s).padStart(2, '0')}.0000000Z`

const made: string[] = []
afterEach(async () => {
  for (const dir of made.splice(0)) await fsp.rm(dir, { recursive: true, force: true })
})

async function pagesFolder(): Promise<{ diag: string; pages: string }> {
  const diag = await fsp.mkdtemp(path.join(os.tmpdir(), 'rd-pages-'))
  made.push(diag)
  return { diag, pages: path.join(diag, 'pages') }
}

describe('tailPages', () => {
  it('follows pages as the runner writes them, in step order, through deletion after upload', async () => {
    const { pages } = await pagesFolder()
    const lines: string[] = []
    const tailer = tailPages({ folder: pages, onLine: (_t, text) => lines.push(text), pollMs: 20 })
    // The folder appears with the job's first output.
    await fsp.mkdir(pages)
    const first = path.join(pages, `${T}_${R1}_1.log`)
    await fsp.writeFile(first, `\uFEFF${stamp(1)} ##[group]Run echo hi\n${stamp(1)} echo hi\n`)
    await expect.poll(() => lines.length).toBe(2)
    await fsp.appendFile(first, `${stamp(2)} ##[endgroup]\n${stamp(2)} h`)
    await fsp.appendFile(first, `i, the é is whole\n`)
    // The step ends with a last flush; the page is uploaded and deleted straight after, before
    // the tailer looked again: the open handle still reads it. Then the next step writes.
    await fsp.appendFile(first, `${stamp(2)} last line of step one\n`)
    await fsp.rm(first)
    await fsp.writeFile(path.join(pages, `${T}_${R2}_1.log`), `\uFEFF${stamp(3)} second step\n`)
    await expect.poll(() => lines.length).toBe(6)
    await tailer.stop()
    expect(lines).toEqual([
      '##[group]Run echo hi',
      'echo hi',
      '##[endgroup]',
      'hi, the é is whole',
      'last line of step one',
      'second step',
    ])
  })

  it('stamps each line with the time the runner wrote it, and flushes a last unfinished line on stop', async () => {
    const { pages } = await pagesFolder()
    await fsp.mkdir(pages)
    const got: [number, string][] = []
    const tailer = tailPages({
      folder: pages,
      onLine: (t, text) => got.push([t, text]),
      pollMs: 20,
    })
    await fsp.writeFile(
      path.join(pages, `${T}_${R1}_1.log`),
      `\uFEFF${stamp(5)} a message\nwith a second line\n${stamp(6)} no newline yet`,
    )
    await expect.poll(() => got.length).toBe(2)
    await tailer.stop()
    const at = (s: number) => Date.UTC(2026, 10, 29, 21, 0, s)
    expect(got).toEqual([
      [at(5), 'a message'],
      [at(5), 'with a second line'],
      [at(6), 'no newline yet'],
    ])
  })

  it('ignores other files and a folder that never appears', async () => {
    const { diag, pages } = await pagesFolder()
    const lines: string[] = []
    const tailer = tailPages({ folder: pages, onLine: (_t, text) => lines.push(text), pollMs: 20 })
    await fsp.writeFile(path.join(diag, 'Runner_20261129-210000-utc.log'), '[x] trace\n')
    await new Promise((resolve) => setTimeout(resolve, 80))
    await tailer.stop()
    expect(lines).toEqual([])
  })
})

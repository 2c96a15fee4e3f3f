import { execFile } from 'node:child_process'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { tarOf } from './tar-file'

const run = promisify(execFile)

describe('tarOf', () => {
  it('writes an archive tar itself reads back, folders, files and modes', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rd-tar-'))
    try {
      const big = Buffer.alloc(1500, 7)
      const archive = tarOf([
        { name: 'up', data: null, mode: 0o755 },
        { name: 'up/0.tar.gz', data: big, mode: 0o644 },
        { name: 'up/1.tar.gz', data: Buffer.from('hello'), mode: 0o600 },
      ])
      expect(archive.length % 512).toBe(0)
      await fsp.writeFile(path.join(dir, 'a.tar'), archive)
      const { stdout } = await run('tar', ['-tvf', path.join(dir, 'a.tar')])
      expect(stdout).toMatch(/^drwxr-xr-x .* up\/$/m)
      expect(stdout).toMatch(/^-rw-r--r-- .* 1500 .* up\/0\.tar\.gz$/m)
      await run('tar', ['-xf', path.join(dir, 'a.tar'), '-C', dir])
      expect(await fsp.readFile(path.join(dir, 'up/0.tar.gz'))).toEqual(big)
      expect(await fsp.readFile(path.join(dir, 'up/1.tar.gz'), 'utf8')).toBe('hello')
    } finally {
      await fsp.rm(dir, { recursive: true, force: true })
    }
  })

  it('refuses names that would escape or not fit', () => {
    expect(() => tarOf([{ name: '../x', data: null, mode: 0o755 }])).toThrow()
    expect(() => tarOf([{ name: '/x', data: Buffer.from(''), mode: 0o644 }])).toThrow()
    expect(() => tarOf([{ name: 'x'.repeat(101), data: Buffer.from(''), mode: 0o644 }])).toThrow()
  })
})

import { execFile } from 'node:child_process'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PUBLISH_FUNCTION, SEED_FUNCTION, jobStartedHook } from './cache-scripts'

// The cache scripts run here with this machine's sh and coreutils over temporary folders, as they
// run in the runner image over volumes (the integration suite runs them in busybox).

const run = promisify(execFile)
let root: string

beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), 'rd-cache-scripts-'))
})
afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true })
})

const at = (...parts: string[]) => path.join(root, ...parts)
async function sh(script: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('sh', ['-c', script, 'test', ...args])
  return stdout
}
const seed = (published: string, priv: string, link = published) =>
  sh(`${SEED_FUNCTION}\nseed "$@"`, published, priv, link)
const publish = (priv: string, published: string, incoming: string) =>
  sh(`${PUBLISH_FUNCTION}\npublish "$@"`, priv, published, incoming)

/** An entry as @actions/tool-cache's cacheDir leaves it: the folder, then its marker. */
async function install(cache: string, entry: string, content: string, files = 3) {
  await fsp.mkdir(path.join(cache, entry, 'bin'), { recursive: true })
  for (let i = 0; i < files; i++)
    await fsp.writeFile(path.join(cache, entry, 'bin', `f${i}`), `${content}\n`)
  await fsp.writeFile(path.join(cache, `${entry}.complete`), '')
}
async function contents(dir: string): Promise<string[]> {
  const names = (await fsp.readdir(path.join(dir, 'bin'))).sort()
  return Promise.all(names.map((n) => fsp.readFile(path.join(dir, 'bin', n), 'utf8')))
}

describe('seed', () => {
  it('links each published entry the private cache lacks and marks it complete', async () => {
    await install(at('pub'), 'node/20.1.0/x64', 'published')
    await install(at('pub'), 'python/3.12.1/x64', 'published')
    await fsp.rm(at('pub', 'node/20.1.0/x64.complete'))
    await fsp.rm(at('pub', 'python/3.12.1/x64.complete'))
    await install(at('priv'), 'python/3.12.1/x64', 'mine')
    await fsp.mkdir(at('pub', '.hidden/1/x64'), { recursive: true })

    expect((await seed(at('pub'), at('priv'), '/opt/runnerdock/cache/tools')).trim()).toBe('1')
    expect(await fsp.readlink(at('priv', 'node/20.1.0/x64'))).toBe(
      '/opt/runnerdock/cache/tools/node/20.1.0/x64',
    )
    await fsp.access(at('priv', 'node/20.1.0/x64.complete'))
    // What a job (or an earlier seed) put there stays as it is.
    expect(await contents(at('priv', 'python/3.12.1/x64'))).toEqual(['mine\n', 'mine\n', 'mine\n'])
    await expect(fsp.access(at('priv', '.hidden'))).rejects.toThrow()
  })

  it('is idempotent, and says 0 for an empty or missing cache', async () => {
    expect((await seed(at('none'), at('priv'))).trim()).toBe('0')
    await install(at('pub'), 'go/1.22.0/x64', 'published')
    expect((await seed(at('pub'), at('priv'))).trim()).toBe('1')
    expect((await seed(at('pub'), at('priv'))).trim()).toBe('0')
  })
})

describe('publish', () => {
  it('publishes complete entries a job made, never seeded links, half-done entries or links', async () => {
    await install(at('priv'), 'node/20.1.0/x64', 'new')
    await fsp.mkdir(at('priv', 'half/1.0.0/x64'), { recursive: true })
    await fsp.mkdir(at('elsewhere/9/x64'), { recursive: true })
    await fsp.writeFile(at('elsewhere/9/x64.complete'), '')
    await fsp.mkdir(at('priv', 'seeded/1.0.0'), { recursive: true })
    await fsp.symlink(at('elsewhere/9/x64'), at('priv', 'seeded/1.0.0/x64'))
    await fsp.writeFile(at('priv', 'seeded/1.0.0/x64.complete'), '')
    await fsp.symlink(at('elsewhere'), at('priv', 'sneaky'))

    const out = await publish(at('priv'), at('pub'), at('incoming', 'r1'))
    expect(out.trim().split('\n').at(-1)).toBe('published 1')
    expect(await contents(at('pub', 'node/20.1.0/x64'))).toEqual(['new\n', 'new\n', 'new\n'])
    expect(await fsp.readdir(at('pub'))).toEqual(['node'])
    expect(await fsp.readdir(at('incoming', 'r1'))).toEqual([])
  })

  it('keeps the entry published first', async () => {
    await install(at('first'), 'node/20.1.0/x64', 'first')
    await install(at('second'), 'node/20.1.0/x64', 'second')
    await publish(at('first'), at('pub'), at('incoming', 'a'))
    const out = await publish(at('second'), at('pub'), at('incoming', 'b'))
    expect(out.trim()).toBe('published 0')
    expect(await contents(at('pub', 'node/20.1.0/x64'))).toEqual(['first\n', 'first\n', 'first\n'])
  })

  it('two runners publishing the same entry at once leave exactly one whole copy', async () => {
    for (let round = 0; round < 5; round++) {
      const pub = at(`pub${round}`)
      await install(at(`a${round}`), 'tool/1.0.0/x64', 'A', 200)
      await install(at(`b${round}`), 'tool/1.0.0/x64', 'B', 200)
      const [a, b] = await Promise.all([
        publish(at(`a${round}`), pub, at(`incoming${round}`, 'a')),
        publish(at(`b${round}`), pub, at(`incoming${round}`, 'b')),
      ])
      const winners = [a, b].filter((o) => o.trim().endsWith('published 1'))
      expect(winners).toHaveLength(1)
      const files = await contents(path.join(pub, 'tool/1.0.0/x64'))
      expect(files).toHaveLength(200)
      expect(new Set(files).size).toBe(1)
      expect(await fsp.readdir(at(`incoming${round}`, 'a'))).toEqual([])
      expect(await fsp.readdir(at(`incoming${round}`, 'b'))).toEqual([])
    }
  })

  it('round trip: what one runner published, a fresh runner finds through its seed', async () => {
    await install(at('r1'), 'node/20.1.0/x64', 'built')
    await publish(at('r1'), at('pub'), at('incoming', 'r1'))
    await seed(at('pub'), at('r2'))
    // @actions/tool-cache find(): the folder and its marker exist (the link is followed).
    expect((await fsp.stat(at('r2', 'node/20.1.0/x64'))).isDirectory()).toBe(true)
    await fsp.access(at('r2', 'node/20.1.0/x64.complete'))
    expect(await contents(at('r2', 'node/20.1.0/x64'))).toEqual(['built\n', 'built\n', 'built\n'])
    // r2 republishes nothing: its entry is a seeded link.
    expect((await publish(at('r2'), at('pub'), at('incoming', 'r2'))).trim()).toBe('published 0')
  })
})

describe('jobStartedHook', () => {
  it('is a script that links what was published since, and never fails a job', () => {
    const hook = jobStartedHook('/opt/hostedtoolcache')
    expect(hook.startsWith('#!/bin/sh\n')).toBe(true)
    expect(hook).toContain("seed /opt/runnerdock/cache/tools '/opt/hostedtoolcache'")
    expect(hook.trim().endsWith('exit 0')).toBe(true)
  })
})

describe('the hook under bash -e, as the runner runs it', () => {
  it('exits 0 even when it cannot write the private cache', async () => {
    await install(at('pub'), 'node/20.1.0/x64', 'published')
    await fsp.mkdir(at('priv'))
    // A file where a folder must go: mkdir fails (as it would without write access, even as root).
    await fsp.writeFile(at('priv', 'node'), '')
    const hook = jobStartedHook(at('priv')).replaceAll('/opt/runnerdock/cache/tools', at('pub'))
    await fsp.writeFile(at('hook.sh'), hook)
    const shell = (await fsp.access('/bin/bash').then(
      () => true,
      () => false,
    ))
      ? 'bash'
      : 'sh'
    await expect(run(shell, ['-e', at('hook.sh')])).resolves.toBeDefined()
    await fsp.rm(at('priv', 'node'))
    const { stdout } = await run(shell, ['-e', at('hook.sh')])
    expect(stdout).toMatch(/RunnerDock: 1 more cached tool/)
  })
})

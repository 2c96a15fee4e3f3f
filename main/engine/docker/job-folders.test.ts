import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { err, ok } from '../../../common/result'
import {
  createRunnerFolders,
  diagFolderBind,
  jobFolderMounts,
  jobFoldersBase,
  removeRunnerFolders,
  removeSharedFolder,
  runnerFolderNames,
  runnerFolderPaths,
  runnerFolders,
} from './job-folders'

describe('jobFoldersBase', () => {
  it.each([
    ['linux', {}, '/home/ana/.config/RunnerDock', '/home/ana/.config/RunnerDock/jobs'],
    [
      'darwin',
      {},
      '/Users/ana/Library/Application Support/RunnerDock',
      '/Users/ana/.runnerdock/jobs',
    ],
    ['darwin', { RUNNERDOCK_CONFIG_DIR: '/Users/ana/rd' }, '/Users/ana/rd', '/Users/ana/rd/jobs'],
    [
      'win32',
      {},
      'C:\\Users\\ana\\AppData\\Roaming\\RunnerDock',
      'C:\\Users\\ana\\AppData\\Roaming\\RunnerDock\\jobs',
    ],
  ] as const)('%s %j', (platform, env, configDir, base) => {
    const home = platform === 'darwin' ? '/Users/ana' : '/home/ana'
    expect(jobFoldersBase({ configDir, home, platform, env })).toBe(base)
  })
})

describe('runnerFolders', () => {
  it('lays out work, diagnostics and the proxy socket under the runner', () => {
    const folders = runnerFolders('/home/ana/.config/RunnerDock/jobs', 'rd-aaaa1111-0001', 'linux')
    expect(folders).toEqual(
      ok({
        root: '/home/ana/.config/RunnerDock/jobs/rd-aaaa1111-0001',
        work: '/home/ana/.config/RunnerDock/jobs/rd-aaaa1111-0001/work',
        diag: '/home/ana/.config/RunnerDock/jobs/rd-aaaa1111-0001/_diag',
        socket: '/home/ana/.config/RunnerDock/jobs/rd-aaaa1111-0001/docker.sock',
      }),
    )
    expect(folders.ok && jobFolderMounts(folders.value)).toEqual({
      workFolder: '/home/ana/.config/RunnerDock/jobs/rd-aaaa1111-0001/work',
      dockerSocketSource: '/home/ana/.config/RunnerDock/jobs/rd-aaaa1111-0001/docker.sock',
    })
    expect(folders.ok && diagFolderBind(folders.value)).toBe(
      '/home/ana/.config/RunnerDock/jobs/rd-aaaa1111-0001/_diag:/home/runner/_diag',
    )
  })

  it.each([
    ['/Users/ana/Library/Application Support/RunnerDock/jobs', true],
    [`/srv/${'x'.repeat(120)}`, true],
    ['C:\\Users\\ana\\AppData\\Roaming\\RunnerDock\\jobs', true],
    ['/srv/a:b', false],
  ])('lays out a diagnostics folder under %s: %s', (base, works) => {
    // Every runner's diagnostics folder: only a colon breaks its bind (spaces and length do not).
    const folders = runnerFolderPaths(base, 'rd-aaaa1111-0001')
    expect(folders.ok).toBe(works)
    if (!folders.ok) expect(folders.error).toMatch(/contains a colon/)
  })

  it.each([
    [
      '/Users/ana/Library/Application Support/RunnerDock/jobs',
      'darwin',
      /contains a space or a colon/,
    ],
    ['/srv/a:b', 'linux', /contains a space or a colon/],
    [`/srv/${'x'.repeat(80)}`, 'linux', /longer than 107 bytes/],
    [`/Users/${'x'.repeat(70)}`, 'darwin', /longer than 103 bytes/],
  ] as const)('refuses %s on %s', (base, platform, message) => {
    const folders = runnerFolders(base, 'rd-aaaa1111-0001', platform)
    expect(folders.ok).toBe(false)
    expect(folders.ok ? '' : folders.error).toMatch(message)
  })

  it('refuses a name that is not a runner name', () => {
    expect(runnerFolders('/srv', '../etc').ok).toBe(false)
  })
})

describe('creating and removing', () => {
  const made: string[] = []
  afterEach(async () => {
    for (const dir of made.splice(0)) await fsp.rm(dir, { recursive: true, force: true })
  })
  const base = async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-jobs-'))
    made.push(dir)
    return dir
  }

  it('makes the root private and the work folders open when not root', async () => {
    const folders = runnerFolders(await base(), 'rd-aaaa1111-0001')
    if (!folders.ok) throw new Error(folders.error)
    expect(await createRunnerFolders(folders.value, { uid: 1000 })).toEqual(ok(folders.value))
    const mode = async (p: string) => (await fsp.stat(p)).mode & 0o777
    expect(await mode(folders.value.root)).toBe(0o700)
    expect(await mode(folders.value.work)).toBe(0o777)
    expect(await mode(folders.value.diag)).toBe(0o777)
  })

  it('makes only the folders asked for, and removes one of them alone', async () => {
    const folders = runnerFolders(await base(), 'rd-aaaa1111-0006')
    if (!folders.ok) throw new Error(folders.error)
    await createRunnerFolders(folders.value, { uid: 1000, only: ['diag'] })
    await expect(fsp.stat(folders.value.work)).rejects.toThrow(/ENOENT/)
    await createRunnerFolders(folders.value, { uid: 1000, only: ['work'] })
    expect(await removeSharedFolder(folders.value.work)).toEqual(ok(undefined))
    await expect(fsp.stat(folders.value.work)).rejects.toThrow(/ENOENT/)
    expect((await fsp.stat(folders.value.diag)).isDirectory()).toBe(true)
  })

  it.skipIf(process.getuid?.() !== 0)('gives the work folders to uid 1001 when root', async () => {
    const folders = runnerFolders(await base(), 'rd-aaaa1111-0002')
    if (!folders.ok) throw new Error(folders.error)
    await createRunnerFolders(folders.value, { uid: 0 })
    expect((await fsp.stat(folders.value.work)).uid).toBe(1001)
  })

  it('removes the folders, and lists runner folders for a sweep', async () => {
    const dir = await base()
    const folders = runnerFolders(dir, 'rd-aaaa1111-0003')
    if (!folders.ok) throw new Error(folders.error)
    await createRunnerFolders(folders.value, { uid: 1000 })
    await fsp.writeFile(path.join(folders.value.work, 'file'), 'x')
    expect(await runnerFolderNames(dir)).toEqual(['rd-aaaa1111-0003'])
    expect(await removeRunnerFolders(folders.value)).toEqual(ok(undefined))
    expect(await runnerFolderNames(dir)).toEqual([])
  })

  it('empties as root what it cannot delete, or says what to do', async () => {
    const dir = await base()
    const folders = runnerFolders(dir, 'rd-aaaa1111-0004')
    if (!folders.ok) throw new Error(folders.error)
    await createRunnerFolders(folders.value, { uid: 1000 })
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
    let tries = 0
    const rmOnceDenied = async () => {
      if (tries++ === 0) throw denied
    }
    const emptied: string[] = []
    expect(
      await removeRunnerFolders(
        folders.value,
        async (folder) => (emptied.push(folder), ok(undefined)),
        rmOnceDenied,
      ),
    ).toEqual(ok(undefined))
    expect(emptied).toEqual([folders.value.work, folders.value.diag])
    expect(
      await removeRunnerFolders(
        folders.value,
        async () => err({ message: 'Could not empty it. Remove it by hand with sudo.' }),
        async () => {
          throw denied
        },
      ),
    ).toEqual(err('Could not empty it. Remove it by hand with sudo.'))
    expect(
      await removeRunnerFolders(folders.value, undefined, async () => {
        throw denied
      }),
    ).toEqual(
      err(
        `RunnerDock could not remove ${dir}/rd-aaaa1111-0004: EACCES: permission denied. Remove it by hand (sudo rm -rf).`,
      ),
    )
  })

  it('says what to do when the folders cannot be made', async () => {
    const file = path.join(await base(), 'a-file')
    await fsp.writeFile(file, 'x')
    const folders = runnerFolders(file, 'rd-aaaa1111-0005')
    if (!folders.ok) throw new Error(folders.error)
    const created = await createRunnerFolders(folders.value, { uid: 1000 })
    expect(created.ok ? '' : created.error).toMatch(
      /could not create the runner's folders .*Check that/,
    )
  })
})

import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { planArcExport } from '../../../common/arc/arc-export'
import type { PoolDescription } from '../../../common/arc/pool-description'
import { EXIT, type ConsoleIo } from '../../services/console-io'
import { exportArc } from './export-arc'

const pool: PoolDescription = {
  apiUrl: 'https://api.github.com',
  targets: [
    { kind: 'repo', owner: 'octo', repo: 'app' },
    { kind: 'org', org: 'octo-org' },
  ],
  mode: { kind: 'on-demand', minIdle: 1, max: 4 },
  labels: ['gpu'],
  runnerGroup: null,
  image: 'ghcr.io/actions/actions-runner:latest',
  cpus: null,
  memoryMb: null,
  dockerAccess: false,
}

function fakeIo() {
  const out: string[] = []
  const err: string[] = []
  const io: ConsoleIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readSecret: async () => '',
    env: {},
  }
  return { io, out, err }
}

let root: string
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'runnerdock-export-arc-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('exportArc', () => {
  it('creates the folder, writes every file as planned and says what it wrote', async () => {
    const outDir = path.join(root, 'nested', 'arc')
    const { io, out, err } = fakeIo()
    expect(await exportArc(io, pool, { outDir })).toBe(EXIT.ok)
    expect(err).toEqual([])
    expect((await readdir(outDir)).sort()).toEqual([
      'arc-guide.md',
      'octo-app.values.yaml',
      'octo-org.values.yaml',
    ])
    const plan = planArcExport(pool)
    if (!plan.ok) throw new Error('plan failed')
    for (const file of plan.value.files)
      expect(await readFile(path.join(outDir, file.fileName), 'utf8')).toBe(file.text)
    expect(out).toEqual([
      `wrote ${path.join(outDir, 'octo-app.values.yaml')}`,
      `wrote ${path.join(outDir, 'octo-org.values.yaml')}`,
      `wrote ${path.join(outDir, 'arc-guide.md')}`,
      `Next: follow ${path.join(outDir, 'arc-guide.md')} to install ARC and move workflows over.`,
    ])
  })

  it('replaces files an earlier export wrote', async () => {
    const { io } = fakeIo()
    expect(await exportArc(io, pool, { outDir: root })).toBe(EXIT.ok)
    const again = fakeIo()
    expect(
      await exportArc(again.io, { ...pool, mode: { kind: 'fixed', runners: 3 } }, { outDir: root }),
    ).toBe(EXIT.ok)
    expect(await readFile(path.join(root, 'octo-app.values.yaml'), 'utf8')).toContain(
      'maxRunners: 3',
    )
  })

  it('refuses to overwrite a file RunnerDock did not write, and then writes nothing', async () => {
    await writeFile(path.join(root, 'octo-org.values.yaml'), 'githubConfigUrl: mine\n')
    await mkdir(path.join(root, 'arc-guide.md'))
    const { io, out, err } = fakeIo()
    expect(await exportArc(io, pool, { outDir: root })).toBe(EXIT.failed)
    expect(out).toEqual([])
    expect(err).toEqual([
      `Not exported: ${path.join(root, 'octo-org.values.yaml')} exists and RunnerDock did not write it (its first line is not RunnerDock's marker).`,
      `Not exported: ${path.join(root, 'arc-guide.md')} is a folder.`,
      'Nothing was written. Move those files away or export into another folder.',
    ])
    expect((await readdir(root)).sort()).toEqual(['arc-guide.md', 'octo-org.values.yaml'])
    expect(await readFile(path.join(root, 'octo-org.values.yaml'), 'utf8')).toBe(
      'githubConfigUrl: mine\n',
    )
  })

  it('reports what is wrong with the pool and creates nothing', async () => {
    const outDir = path.join(root, 'never')
    const { io, err } = fakeIo()
    const bad = { ...pool, mode: { kind: 'on-demand', minIdle: 5, max: 1 } } as const
    expect(await exportArc(io, bad, { outDir, secretName: 'x_y' })).toBe(EXIT.failed)
    expect(err).toEqual([
      expect.stringMatching(/^Not exported: "x_y" is not a Kubernetes secret name/),
      expect.stringMatching(/^Not exported: Idle runners \(5\) cannot exceed the maximum \(1\)/),
    ])
    await expect(readdir(outDir)).rejects.toThrow()
  })
})

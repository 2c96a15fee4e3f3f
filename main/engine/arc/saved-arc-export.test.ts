import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ARC_CHART_VERSION } from '../../../common/arc/arc-chart'
import { err, ok } from '../../../common/result'
import { defaultSettings, type Settings } from '../../../common/settings'
import type { DiscoveredRepo } from '../demand/discovery'
import { exportArcFiles, saveArcExport, type ArcExportSource } from './saved-arc-export'

function source(
  overrides: Partial<Settings> = {},
  discovery: Partial<ArcExportSource['discovery']> = {},
): ArcExportSource {
  return {
    settings: {
      ...defaultSettings(),
      installationId: 'abcd1234',
      targets: [
        { kind: 'repo', owner: 'octo', repo: 'app' },
        { kind: 'org', org: 'octo-org' },
      ],
      mode: 'on-demand',
      minIdle: 1,
      maxRunners: 4,
      ...overrides,
    },
    discovery: {
      repos: [],
      checkedAt: null,
      problem: null,
      refresh: async () => err('not reached'),
      ...discovery,
    },
    tokens: {
      get: async () => ok(null),
      set: async () => ok(undefined),
      clear: async () => ok({ removed: false }),
    },
  }
}

let root: string
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'runnerdock-saved-arc-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('the dashboard’s ARC export', () => {
  it('turns the saved settings into one values file per target and the guide', async () => {
    const result = await exportArcFiles(source())
    if (!result.ok) throw new Error(result.message)
    expect(result.chartVersion).toBe(ARC_CHART_VERSION)
    expect(result.files.map((f) => f.path)).toEqual([
      'octo-app.values.yaml',
      'octo-org.values.yaml',
      'arc-guide.md',
    ])
    const values = parse(result.files[0]!.text) as Record<string, unknown>
    expect(values).toMatchObject({
      githubConfigUrl: 'https://github.com/octo/app',
      githubConfigSecret: 'runnerdock-github',
      minRunners: 1,
      maxRunners: 4,
    })
  })

  it('serves the repositories discovery found, minus the ones the user removed', async () => {
    const found = (repo: string): DiscoveredRepo =>
      ({ ref: { owner: 'octo', repo }, visibility: 'private', asks: 'yes', reasons: [] }) as never
    const result = await exportArcFiles(
      source(
        {
          targets: [],
          discoverRepositories: true,
          excludedTargets: [{ kind: 'repo', owner: 'octo', repo: 'old' }],
        },
        { checkedAt: 1, repos: [found('web'), found('old')] },
      ),
    )
    expect(result.ok && result.files.map((f) => f.path)).toEqual([
      'octo-web.values.yaml',
      'arc-guide.md',
    ])
  })

  it('says what to do when there is nothing to export, or discovery cannot look', async () => {
    expect(await exportArcFiles(source({ targets: [] }))).toEqual({
      ok: false,
      message: expect.stringMatching(/^Nothing to export: no target\. Choose a repository/),
    })
    expect(await exportArcFiles(source({ discoverRepositories: true }))).toEqual({
      ok: false,
      message: expect.stringMatching(/^Cannot look for repositories: No GitHub token is saved/),
    })
    expect(await exportArcFiles(source({ mode: 'on-demand', minIdle: 9, maxRunners: 2 }))).toEqual({
      ok: false,
      message: expect.stringMatching(/^Cannot export: Idle runners \(9\)/),
    })
  })
})

describe('saving the ARC export to a folder', () => {
  it('writes the files into the folder the user chose', async () => {
    const folder = path.join(root, 'arc')
    const titles: string[] = []
    const result = await saveArcExport(source(), async (title) => (titles.push(title), folder))
    expect(result).toEqual({
      ok: true,
      folder,
      written: ['octo-app.values.yaml', 'octo-org.values.yaml', 'arc-guide.md'],
    })
    expect(titles).toEqual(['Choose a folder for the Kubernetes (ARC) files'])
    const exported = await exportArcFiles(source())
    if (!exported.ok) throw new Error(exported.message)
    for (const file of exported.files)
      expect(await readFile(path.join(folder, file.path), 'utf8')).toBe(file.text)
  })

  it('writes nothing when the dialog is cancelled, and asks nothing when there is nothing to save', async () => {
    expect(await saveArcExport(source(), async () => null)).toEqual({
      ok: true,
      folder: null,
      written: [],
    })
    let asked = false
    const nothing = await saveArcExport(source({ targets: [] }), async () => ((asked = true), root))
    expect(nothing.ok).toBe(false)
    expect(asked).toBe(false)
    expect(await readdir(root)).toEqual([])
  })

  it('never replaces a file RunnerDock did not write', async () => {
    await writeFile(path.join(root, 'octo-app.values.yaml'), 'mine: true\n')
    await mkdir(path.join(root, 'arc-guide.md'))
    const result = await saveArcExport(source(), async () => root)
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Not saved: .*octo-app\.values\.yaml exists and RunnerDock did not write it.* Nothing was written: choose another folder, or move those files away\.$/,
      ),
    })
    expect(await readFile(path.join(root, 'octo-app.values.yaml'), 'utf8')).toBe('mine: true\n')
    expect((await readdir(root)).sort()).toEqual(['arc-guide.md', 'octo-app.values.yaml'])
  })

  it('is for the desktop app: a host without a folder picker says to download instead', async () => {
    expect(await saveArcExport(source(), undefined)).toEqual({
      ok: false,
      message: 'Saving to a folder is for the desktop app: download each file from this page.',
    })
  })
})

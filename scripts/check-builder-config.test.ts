import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import Ajv from 'ajv'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { describe, expect, it } from 'vitest'
import { TRAY_ICON_STYLE, TRAY_STATES, trayIconFile, type TrayPlatform } from '../common/tray-model'

// Packaging downloads Electron, so it never runs in tests; this checks electron-builder.yml
// offline instead: against electron-builder's own JSON schema (strictly, without the type
// coercion electron-builder allows), through electron-builder's own validation, and for the
// security-relevant keys and every file the configuration names.

const ROOT = path.join(__dirname, '..')
const CONFIG_FILE = 'electron-builder.yml'
const require = createRequire(__filename)
// js-yaml and ajv come with electron-builder; js-yaml ships no types.
const yaml = require('js-yaml') as { load(text: string): unknown }

type ExtraResource = { from: string; to: string; filter?: string[] }
type Config = Record<string, unknown> & {
  appId: string
  productName: string
  directories: { output: string; buildResources?: string }
  files: string[]
  asar: boolean
  asarUnpack: string[]
  npmRebuild?: boolean
  electronFuses: Record<string, boolean>
  mac: {
    icon: string
    hardenedRuntime: boolean
    entitlements: string
    entitlementsInherit: string
    category: string
    extraResources: ExtraResource[]
    target: { target: string }[]
  }
  win: { icon: string; extraResources: ExtraResource[]; target: { target: string }[] }
  linux: {
    icon: string
    category: string
    maintainer: string
    extraResources: ExtraResource[]
    target: string[]
  }
}

async function loadConfig(): Promise<Config> {
  return yaml.load(await readFile(path.join(ROOT, CONFIG_FILE), 'utf8')) as Config
}

/** The width and height in a PNG's IHDR chunk. */
async function pngSize(file: string): Promise<{ width: number; height: number }> {
  const data = await readFile(file)
  expect(data.subarray(0, 8).toString('hex'), `${file} is not a PNG`).toBe('89504e470d0a1a0a')
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) }
}

// A filter of extraResources as electron-builder applies it to file names (only `*` is used here).
function matches(filters: string[] | undefined, file: string): boolean {
  if (!filters) return true
  return filters.some((f) =>
    new RegExp(`^${f.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(file),
  )
}

describe('electron-builder.yml', () => {
  it('matches electron-builder 26 JSON schema, with no coercion', async () => {
    const schema = JSON.parse(
      await readFile(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
    ) as object
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    const valid = validate(await loadConfig())
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([])
    expect(valid).toBe(true)
  })

  it("passes electron-builder's own validation, which rejects a misspelled key", async () => {
    const config = await getConfig(ROOT, CONFIG_FILE, null)
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    const misspelled = { ...config, mac: { ...config.mac, hardendRuntime: true } }
    await expect(validateConfiguration(misspelled, new DebugLogger(false))).rejects.toThrow(
      /does not match the API schema/,
    )
  })

  it('names the app and ships only the built files', async () => {
    const config = await loadConfig()
    expect(config.appId).toBe('dev.runnerdock.app')
    expect(config.productName).toBe('RunnerDock')
    expect(config.directories.output).toBe('dist')
    expect(config.files).toEqual(
      expect.arrayContaining([
        'out/**',
        'package.json',
        'assets/**',
        '!out/**/*.map',
        '!**/*.{ts,tsx,mts,cts}',
      ]),
    )
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      main: string
    }
    expect(pkg.main.startsWith('out/')).toBe(true)
  })

  it('keeps the security-relevant settings', async () => {
    const config = await loadConfig()
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toContain('node_modules/keytar/**/*.node')
    // keytar must be rebuilt for Electron when packaging a release.
    expect(config.npmRebuild).not.toBe(false)
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    })
    // The renderer loads ES modules from file://, which needs this privilege: never turn it off.
    expect(config.electronFuses.grantFileProtocolExtraPrivileges).not.toBe(false)
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(config.mac.category).toBe('public.app-category.developer-tools')
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg'])
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis'])
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.linux.category).toBe('Development')
    expect(config.linux.maintainer).toMatch(/<.+@.+>/)
  })

  it('grants the hardened runtime JIT and nothing more', async () => {
    const config = await loadConfig()
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const plist = await readFile(path.join(ROOT, file), 'utf8')
      expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual([
        'com.apple.security.cs.allow-jit',
      ])
    }
  })

  it('has the app icons it names, at their sizes', async () => {
    const config = await loadConfig()
    expect(await pngSize(path.join(ROOT, config.linux.icon))).toEqual({ width: 512, height: 512 })
    const ico = await readFile(path.join(ROOT, config.win.icon))
    expect(ico.readUInt16LE(2)).toBe(1)
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5)
    const icns = await readFile(path.join(ROOT, config.mac.icon))
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
  })

  it('ships every tray icon the tray uses, 1x and @2x, as each platform resource', async () => {
    const config = await loadConfig()
    const resources: Record<TrayPlatform, ExtraResource[]> = {
      darwin: config.mac.extraResources,
      win32: config.win.extraResources,
      linux: config.linux.extraResources,
    }
    for (const platform of Object.keys(resources) as TrayPlatform[]) {
      const tray = resources[platform].find((r) => r.to === 'tray')
      expect(tray, `${platform} ships no tray icons`).toBeDefined()
      expect(tray!.from).toBe(`assets/tray/${TRAY_ICON_STYLE[platform].dir}`)
      for (const state of TRAY_STATES) {
        const { dir, file } = trayIconFile(state, platform)
        const size = TRAY_ICON_STYLE[platform].size
        const hiDpi = file.replace(/\.png$/, '@2x.png')
        for (const [name, px] of [
          [file, size],
          [hiDpi, size * 2],
        ] as const) {
          const full = path.join(ROOT, 'assets', 'tray', dir, name)
          expect(existsSync(full), `${full} is missing: run node scripts/make-icons.mjs`).toBe(true)
          expect(matches(tray!.filter, name), `${name} is filtered out of ${platform}`).toBe(true)
          expect(await pngSize(full)).toEqual({ width: px, height: px })
        }
      }
    }
  })
})

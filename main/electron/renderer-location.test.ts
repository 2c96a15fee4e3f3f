import { describe, expect, it } from 'vitest'
import {
  isSameDocument,
  isTrustedSender,
  logsHash,
  logsRouteOf,
  rendererUrl,
  resolveRendererLocation,
  type RendererLocation,
} from './renderer-location'

const INDEX = 'file:///opt/RunnerDock/resources/app.asar/out/renderer/index.html'
const file: RendererLocation = { kind: 'file', url: INDEX }
const dev: RendererLocation = { kind: 'dev-server', url: 'http://localhost:5173/' }

describe('resolveRendererLocation', () => {
  it('uses the dev server only unpackaged and on loopback', () => {
    expect(
      resolveRendererLocation({
        isPackaged: false,
        devServerUrl: 'http://localhost:5173',
        indexFileUrl: INDEX,
      }),
    ).toEqual(dev)
    expect(
      resolveRendererLocation({
        isPackaged: false,
        devServerUrl: 'http://[::1]:5173/',
        indexFileUrl: INDEX,
      }).kind,
    ).toBe('dev-server')
    expect(
      resolveRendererLocation({
        isPackaged: true,
        devServerUrl: 'http://localhost:5173',
        indexFileUrl: INDEX,
      }),
    ).toEqual(file)
    expect(
      resolveRendererLocation({
        isPackaged: false,
        devServerUrl: 'https://evil.example/',
        indexFileUrl: INDEX,
      }),
    ).toEqual(file)
    expect(
      resolveRendererLocation({
        isPackaged: false,
        devServerUrl: 'file:///tmp/x.html',
        indexFileUrl: INDEX,
      }),
    ).toEqual(file)
    expect(
      resolveRendererLocation({ isPackaged: false, devServerUrl: undefined, indexFileUrl: INDEX }),
    ).toEqual(file)
  })
})

describe('isTrustedSender', () => {
  it('trusts our index.html with any hash, and nothing else on disk', () => {
    expect(isTrustedSender(INDEX, file)).toBe(true)
    expect(isTrustedSender(`${INDEX}#logs/r1`, file)).toBe(true)
    expect(
      isTrustedSender('file:///opt/RunnerDock/resources/app.asar/out/renderer/other.html', file),
    ).toBe(false)
    expect(isTrustedSender('file:///tmp/index.html', file)).toBe(false)
    expect(
      isTrustedSender(
        'file://evil-host/opt/RunnerDock/resources/app.asar/out/renderer/index.html',
        file,
      ),
    ).toBe(false)
    expect(isTrustedSender('http://localhost:5173/', file)).toBe(false)
  })

  it('trusts the dev server origin only', () => {
    expect(isTrustedSender('http://localhost:5173/#settings', dev)).toBe(true)
    expect(isTrustedSender('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedSender('http://127.0.0.1:5173/', dev)).toBe(false)
  })

  it('refuses missing and malformed URLs', () => {
    for (const url of [undefined, null, '', 'about:blank', 'not a url', 'data:text/html,hi'])
      expect(isTrustedSender(url, file)).toBe(false)
  })
})

describe('renderer URLs', () => {
  it('adds a view hash and compares documents without it', () => {
    expect(rendererUrl(file, '#logs')).toBe(`${INDEX}#logs`)
    expect(rendererUrl(dev, 'settings')).toBe('http://localhost:5173/#settings')
    expect(isSameDocument(`${INDEX}#a`, `${INDEX}#b`)).toBe(true)
    expect(isSameDocument(INDEX, 'https://github.com/')).toBe(false)
    expect(isSameDocument('nope', 'nope')).toBe(false)
  })

  it('reads and writes the log view hash', () => {
    expect(logsHash(null)).toBe('#logs')
    expect(logsHash('rd 1/x')).toBe('#logs/rd%201%2Fx')
    expect(logsRouteOf(rendererUrl(file, logsHash('rd 1/x')), file)).toEqual({ runner: 'rd 1/x' })
    expect(logsRouteOf(`${INDEX}#logs`, file)).toEqual({ runner: null })
    expect(logsRouteOf(`${INDEX}#logs/%E0%A4%A`, file)).toEqual({ runner: null })
    expect(logsRouteOf(`${INDEX}#settings`, file)).toBeNull()
    expect(logsRouteOf('https://github.com/#logs', file)).toBeNull()
  })
})

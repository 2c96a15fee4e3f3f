import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { downloadArchive } from './action-archive-fill'

const archive = gzipSync(Buffer.from('an action'))
let server: http.Server
let base: string
const seenAuth: (string | undefined)[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seenAuth.push(req.headers.authorization)
    if (req.url === '/moved') return res.writeHead(302, { location: '/ok' }).end()
    if (req.url === '/ok') return res.writeHead(200).end(archive)
    if (req.url === '/plain') return res.writeHead(200).end('<html>')
    if (req.url === '/huge') return res.writeHead(200).end(Buffer.alloc(2048, 0x1f))
    res.writeHead(404).end()
  })
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const get = (path: string, maxBytes = 1024) =>
  downloadArchive(`${base}${path}`, { maxBytes, signal: AbortSignal.timeout(5000) })

describe('downloadArchive', () => {
  it('follows GitHub’s redirect to the archive, without credentials', async () => {
    expect(await get('/moved')).toEqual({ ok: true, value: archive })
    expect(seenAuth.every((a) => a === undefined)).toBe(true)
  })

  it.each([
    ['/private', /answered 404/],
    ['/plain', /not a gzip archive/],
    ['/huge', /larger than 1024 bytes/],
  ])('refuses %s', async (path, message) => {
    const got = await get(path)
    expect(got.ok).toBe(false)
    if (!got.ok) expect(got.error).toMatch(message)
  })

  it('says when the host cannot be reached', async () => {
    const got = await downloadArchive('http://127.0.0.1:1/x', {
      maxBytes: 10,
      signal: AbortSignal.timeout(5000),
    })
    expect(got.ok ? '' : got.error).toMatch(/could not reach/)
  })
})

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createFakeEngine } from '../../e2e/chaos/fake-engine'
import { startHostProcess } from '../../e2e/chaos/host-process'
import { startHeadlessServer, type HeadlessServer } from './headless-server'

let dir: string
let server: HeadlessServer
const TOKEN = 'test-access-token-0123456789'

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'runnerdock-headless-'))
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>RunnerDock</title>')
  server = await startHeadlessServer({
    engine: createFakeEngine().engine,
    rendererDir: dir,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    metrics: async () => ({
      contentType: 'text/plain; version=0.0.4; charset=utf-8',
      body: 'runnerdock_runners{state="idle"} 2\n',
    }),
  })
})

afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

/** Whether `text` holds one whole HTTP response (headers and a content-length body). */
function complete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n')
  if (end === -1) return false
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))?.[1] ?? 0)
  return text.length >= end + 4 + length
}

/** Sends raw bytes; returns the first whole response (or what came before a close or 3 s). */
function raw(bytes: string | Buffer, endAfterWrite = false): Promise<string> {
  return rawTo(server.port, bytes, endAfterWrite)
}

function rawTo(port: number, bytes: string | Buffer, endAfterWrite = false): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    let answer = ''
    const done = () => {
      clearTimeout(timer)
      socket.destroy()
      resolve(answer)
    }
    const timer = setTimeout(done, 3000)
    socket.on('data', (d) => {
      answer += d.toString('latin1')
      if (complete(answer)) done()
    })
    socket.on('close', done)
    socket.on('error', done)
    socket.write(bytes, () => endAfterWrite && socket.end())
  })
}

const host = () => `127.0.0.1:${server.port}`
const status = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)

async function stillServes(): Promise<void> {
  const answer = await raw(`GET /?token=${TOKEN} HTTP/1.1\r\nHost: ${host()}\r\n\r\n`)
  expect(status(answer)).toBe(303)
}

function connect(url = `ws://${host()}/rpc?token=${TOKEN}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin: `http://${host()}` })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)))
}

function call(ws: WebSocket, frame: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>))
    ws.send(JSON.stringify(frame))
  })
}

describe('headless server under malformed input', () => {
  it('answers a request target that is not a path (GET http://[) with 400 and keeps serving', async () => {
    for (const target of ['http://[', 'http://[::1', '*', '//evil.example/x?token=' + TOKEN]) {
      const answer = await raw(`GET ${target} HTTP/1.1\r\nHost: ${host()}\r\n\r\n`)
      expect(status(answer), target).toBe(400)
    }
    await stillServes()
  })

  it('answers what Node cannot parse (clientError): 400, 431 for huge headers', async () => {
    expect(status(await raw('FOO\u0001 / HTTP/1.1\r\n\r\n'))).toBe(400)
    expect(
      status(await raw(`GET / HTTP/1.1\r\nHost: ${host()}\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`)),
    ).toBe(431)
    expect(status(await raw(`GET / HTTP/1.1\r\nHost: ${host()}\r\nBad Header\r\n\r\n`))).toBe(400)
    expect(status(await raw(`GET / HTTP/1.1\r\nHost: ${host()}`, true))).toBe(400)
    expect(status(await raw(`CONNECT ${host()} HTTP/1.1\r\nHost: ${host()}\r\n\r\n`))).toBe(405)
    await stillServes()
  })

  it('refuses upgrades without the token, on another path or without an Origin', async () => {
    const upgrade = (target: string, extra = `Origin: http://${host()}\r\n`) =>
      raw(
        `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\n${extra}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      )
    expect(status(await upgrade('/rpc'))).toBe(401)
    expect(status(await upgrade(`/other?token=${TOKEN}`))).toBe(404)
    expect(status(await upgrade(`/rpc?token=${TOKEN}`, ''))).toBe(403)
    expect(status(await upgrade('http://[/rpc'))).toBe(400)
    expect(
      status(
        await upgrade(
          `/rpc?token=${TOKEN}`,
          `Origin: http://${host()}\r\nSec-WebSocket-Version: 99\r\n`,
        ),
      ),
    ).toBe(400)
    await stillServes()
  })

  it('closes a WebSocket that sends invalid UTF-8 (1007) and keeps serving the others', async () => {
    const bystander = await connect()
    const ws = await connect()
    const closed = closeCode(ws)
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false })
    expect(await closed).toBe(1007)
    const answer = await call(bystander, { type: 'call', id: 1, method: 'getState', input: {} })
    expect(answer).toMatchObject({ type: 'result', id: 1, ok: true })
    bystander.close()
    await stillServes()
  })

  it('closes on frames that break the framing, with a code that says why', async () => {
    const cases: Array<[string | Buffer, boolean, number]> = [
      [Buffer.from([1, 2, 3]), true, 1003],
      ['not json', false, 1007],
      ['{"type":"call"}', false, 1008],
      ['x'.repeat(300 * 1024), false, 1009],
    ]
    for (const [data, binary, code] of cases) {
      const ws = await connect()
      const closed = closeCode(ws)
      ws.send(data, { binary })
      expect(await closed).toBe(code)
    }
    await stillServes()
  })

  it('answers unknown methods and wrong payloads with an error result', async () => {
    const ws = await connect()
    expect(await call(ws, { type: 'call', id: 2, method: 'nope', input: {} })).toMatchObject({
      id: 2,
      ok: false,
      error: 'Unknown method "nope".',
    })
    expect(
      await call(ws, { type: 'call', id: 3, method: 'setDesired', input: { count: 'many' } }),
    ).toMatchObject({
      id: 3,
      ok: false,
      error: expect.stringMatching(/^Invalid input for setDesired/),
    })
    ws.close()
  })
})

describe('headless host process', () => {
  it('survives GET http://[ and an invalid UTF-8 frame (its own process: a crash is an exit)', async () => {
    const host = await startHostProcess()
    try {
      const at = `127.0.0.1:${host.port}`
      const target = await rawTo(host.port, `GET http://[ HTTP/1.1\r\nHost: ${at}\r\n\r\n`)
      expect(status(target)).toBe(400)
      const ws = new WebSocket(`ws://${at}/rpc?token=${host.token}`, { origin: `http://${at}` })
      await new Promise((resolve) => ws.once('open', resolve))
      const closed = closeCode(ws)
      ws.send(Buffer.from([0xc3, 0x28]), { binary: false })
      expect(await closed).toBe(1007)
      const after = await rawTo(
        host.port,
        `GET /?token=${host.token} HTTP/1.1\r\nHost: ${at}\r\n\r\n`,
      )
      expect(status(after)).toBe(303)
      expect(host.exited()).toBe(false)
    } finally {
      await host.stop()
    }
  })
})

describe('GET /metrics', () => {
  const get = (headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${server.port}/metrics`, { headers })

  it('answers Prometheus with the bearer token, and nobody without it', async () => {
    const scraped = await get({ authorization: `Bearer ${TOKEN}` })
    expect(scraped.status).toBe(200)
    expect(scraped.headers.get('content-type')).toMatch(/version=0\.0\.4/)
    expect(await scraped.text()).toContain('runnerdock_runners{state="idle"} 2')
    expect((await get({})).status).toBe(401)
    expect((await get({ authorization: 'Bearer wrong-token-0123456789012' })).status).toBe(401)
    expect((await get({ authorization: `Basic ${TOKEN}` })).status).toBe(401)
  })

  it('keeps the host check: a rebinding Host is refused even with the token', async () => {
    const answer = await raw(
      `GET /metrics HTTP/1.1\r\nHost: evil.example:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 421/)
  })
})

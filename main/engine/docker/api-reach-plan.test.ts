import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  describeNetwork,
  PROBE_SCRIPT,
  reachCause,
  readProbeOutput,
  unreachableMessage,
} from './api-reach-plan'

describe('readProbeOutput', () => {
  it.each([
    [0, 'rd-reach ok curl HTTP 200', { kind: 'reached', detail: 'curl: HTTP 200' }],
    [
      0,
      'noise\nrd-reach ok wget wget: server returned error: HTTP/1.1 404 Not Found \n',
      { kind: 'reached', detail: 'wget: wget: server returned error: HTTP/1.1 404 Not Found' },
    ],
    [
      1,
      'rd-reach fail curl 6 curl: (6) Could not resolve host: api.github.com  HTTP 000',
      { kind: 'unreachable', detail: 'curl: (6) Could not resolve host: api.github.com' },
    ],
    [
      1,
      "rd-reach fail wget 1 wget: can't connect to remote host (127.0.0.1): Connection refused",
      {
        kind: 'unreachable',
        detail: "wget: can't connect to remote host (127.0.0.1): Connection refused",
      },
    ],
    [1, 'rd-reach fail wget 139 ', { kind: 'not-checked', detail: 'wget crashed (signal 11)' }],
    [
      3,
      'rd-reach no-tool',
      { kind: 'not-checked', detail: 'the image has neither curl nor wget to try with' },
    ],
    [
      127,
      'sh: not found',
      { kind: 'not-checked', detail: 'the probe exited with 127 without a verdict: sh: not found' },
    ],
    [137, '', { kind: 'not-checked', detail: 'the probe crashed (signal 9) without a verdict' }],
  ])('exit %i with %j', (code, output, verdict) =>
    expect(readProbeOutput(code, output)).toEqual(verdict),
  )
})

describe('reachCause', () => {
  it.each([
    ['curl: (6) Could not resolve host: x', 'dns'],
    ["wget: bad address 'api.github.com'", 'dns'],
    // .NET's words for getaddrinfo's EAI_AGAIN, as the runner prints them (actions/runner #1802).
    ['Resource temporarily unavailable (pipelines.actions.githubusercontent.com:443)', 'dns'],
    ['curl: (7) Failed to connect to 127.0.0.1 port 1: Connection refused', 'refused'],
    ['curl: (28) Connection timed out after 10001 milliseconds', 'timeout'],
    ['wget: download timed out', 'timeout'],
    ['connect: Network is unreachable', 'no-route'],
    ['curl: (60) SSL certificate problem: self-signed certificate in certificate chain', 'tls'],
    ['something odd', 'other'],
  ])('%s -> %s', (detail, cause) => expect(reachCause(detail)).toBe(cause))
})

describe('unreachableMessage', () => {
  it('explains that 127.0.0.1 in a bridged container is the container itself', () => {
    expect(unreachableMessage('http://127.0.0.1:8080/api', null, 'Connection refused')).toBe(
      "cannot reach http://127.0.0.1:8080 from inside a container on the default bridge network: Connection refused — inside a container 127.0.0.1 is the container itself: use --network host / set the network in Settings to host, or give an address the container can reach (on Docker's default bridge the host is its gateway, e.g. 172.17.0.1).",
    )
  })

  it('points at DNS when the name does not resolve', () => {
    expect(
      unreachableMessage('https://api.github.com', 'ci-net', "wget: bad address 'api.github.com'"),
    ).toBe(
      'cannot reach https://api.github.com from inside a container on network "ci-net": wget: bad address \'api.github.com\' — the container cannot resolve api.github.com: check the DNS servers Docker gives containers ("dns" in the daemon\'s daemon.json), or use --network host / set the network in Settings.',
    )
  })

  it('does not suggest host networking to a container already on it', () => {
    expect(
      unreachableMessage('https://ghe.example/api/v3', 'host', 'Connection timed out'),
    ).toMatch(
      /on network host: .* — a firewall or a required proxy stands in the way: allow the container through, or set another network in Settings \(or --network\); if this network needs a proxy/,
    )
  })

  it('blames TLS interception on certificate errors', () => {
    expect(unreachableMessage('https://api.github.com', null, 'SSL certificate problem')).toMatch(
      /add its CA certificate to the runner image\.$/,
    )
  })

  it.each([
    [null, 'the default bridge network'],
    ['bridge', 'the default bridge network'],
    ['host', 'network host'],
    ['ci', 'network "ci"'],
  ])('describes network %s', (network, text) => expect(describeNetwork(network)).toBe(text))
})

// The probe script itself, run by the host's sh with busybox's wget (what the stand-in image has).
describe.skipIf(!existsSync('/bin/busybox'))('PROBE_SCRIPT with busybox wget', () => {
  let server: http.Server
  let url: string
  let bin: string
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : 200
      res.end('{}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    bin = mkdtempSync(path.join(os.tmpdir(), 'runnerdock-probe-bin-'))
    for (const tool of ['wget', 'tr', 'timeout']) symlinkSync('/bin/busybox', path.join(bin, tool))
  })
  afterAll(() => {
    server?.close()
    if (bin) rmSync(bin, { recursive: true, force: true })
  })
  const probe = (target: string, pathDirs = bin) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      // Async: the test's own server must keep answering while the script runs.
      const child = spawn('/bin/sh', ['-c', PROBE_SCRIPT], {
        env: { PATH: pathDirs, RD_URL: target },
      })
      let out = ''
      child.stdout.on('data', (d: Buffer) => (out += String(d)))
      child.stderr.on('data', (d: Buffer) => (out += String(d)))
      child.on('close', (code) => resolve({ code: code ?? -1, out }))
    })

  it('reports an answer, even a 404, as reached', async () => {
    for (const target of [url, `${url}/missing`]) {
      const { code, out } = await probe(target)
      expect(readProbeOutput(code, out).kind).toBe('reached')
    }
  })

  it('reports a refused connection as unreachable', async () => {
    const { code, out } = await probe('http://127.0.0.1:1/')
    expect(readProbeOutput(code, out)).toMatchObject({ kind: 'unreachable' })
    expect(reachCause(readProbeOutput(code, out).detail)).toBe('refused')
  })

  it('says so when the image has no tool', async () => {
    expect(
      spawnSync('/bin/sh', ['-c', 'command -v wget'], { env: { PATH: '/nonexistent' } }).status,
    ).not.toBe(0)
    const { code, out } = await probe(url, '/nonexistent')
    expect(readProbeOutput(code, out).kind).toBe('not-checked')
  })
})

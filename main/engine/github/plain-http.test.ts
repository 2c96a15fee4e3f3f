import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TokenStore } from '../secrets/token-store-port'
import { openGitHubSession } from './github-session'
import {
  addressesFromIfInet6,
  localAddressesFromFibTrie,
  thisMachineAddresses,
} from './machine-addresses'
import { createOctokitGitHub } from './octokit-github'

const TOKEN = `ghp_${'PlainHttp0'.repeat(3)}123456`
// TEST-NET-2 (RFC 5737): never an address of this machine.
const REMOTE = 'http://198.51.100.7:8080'
let server: Server
let port: number
const seen: Array<{ host: string; auth: string | undefined }> = []

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ host: req.headers.host ?? '', auth: req.headers.authorization })
    res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'repo' })
    res.end(JSON.stringify({ login: 'octo' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

function tokenStore(calls: string[]): TokenStore {
  return {
    get: async (host) => (
      calls.push(host),
      { ok: true, value: { token: TOKEN, source: 'keychain' } }
    ),
    set: async () => ({ ok: true, value: undefined }),
    clear: async () => ({ ok: true, value: { removed: false } }),
  }
}

describe('plain http', () => {
  it('refuses a remote http:// API URL before any request, with a message', async () => {
    const github = createOctokitGitHub({ apiUrl: REMOTE, token: TOKEN, callDeadlineMs: 60_000 })
    const started = Date.now()
    const answer = await github.identify()
    expect(Date.now() - started).toBeLessThan(200)
    expect(answer.ok).toBe(false)
    if (!answer.ok) {
      expect(answer.error.message).toMatch(/will not send your GitHub token.*plain http/)
      expect(answer.error.message).not.toContain(TOKEN)
    }
    const calls: string[] = []
    const session = await openGitHubSession(tokenStore(calls), REMOTE)
    expect(session.ok ? null : session.error).toMatchObject({ kind: 'bad-url' })
    expect(calls).toEqual([])
  })

  it('sends the token over http:// to loopback and to every address of this machine', async () => {
    const own = thisMachineAddresses().filter((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a))
    expect(own).toContain('127.0.0.1')
    for (const address of own) {
      seen.length = 0
      const github = createOctokitGitHub({ apiUrl: `http://${address}:${port}`, token: TOKEN })
      const answer = await github.identify()
      expect(answer, address).toMatchObject({ ok: true, value: { login: 'octo' } })
      expect(seen).toEqual([{ host: `${address}:${port}`, auth: `token ${TOKEN}` }])
    }
  })

  it.runIf(process.platform === 'linux')(
    "finds Docker's bridge address even while docker0 has no carrier",
    async () => {
      const { readFile } = await import('node:fs/promises')
      const trie = await readFile('/proc/net/fib_trie', 'utf8')
      if (!trie.includes('172.17.0.1')) return
      expect(thisMachineAddresses()).toContain('172.17.0.1')
    },
  )

  it('reads the kernel tables of local addresses', () => {
    const trie = [
      'Local:',
      '  +-- 0.0.0.0/0 3 0 4',
      '     +-- 127.0.0.0/8 2 0 2',
      '           |-- 127.0.0.1',
      '              /32 host LOCAL',
      '        |-- 127.255.255.255',
      '           /32 link BROADCAST',
      '           |-- 172.17.0.1',
      '              /32 host LOCAL',
      '           |-- 172.17.0.0',
      '              /16 link UNICAST',
    ].join('\n')
    expect(localAddressesFromFibTrie(trie)).toEqual(['127.0.0.1', '172.17.0.1'])
    expect(
      addressesFromIfInet6(
        'fd000000000000000000000000000002 04 40 00 82     eth0\n00000000000000000000000000000001 01 80 10 80       lo\n',
      ),
    ).toEqual([
      'fd00:0000:0000:0000:0000:0000:0000:0002',
      '0000:0000:0000:0000:0000:0000:0000:0001',
    ])
  })
})

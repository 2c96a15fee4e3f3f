import { describe, expect, it } from 'vitest'
import { parseCli, remoteServeRefusal } from './cli-args'

const fail = (argv: string[]) => {
  const result = parseCli(argv)
  expect(result.ok).toBe(false)
  return result.ok ? '' : result.error
}

describe('parseCli', () => {
  it('parses doctor with the network its probe container joins', () => {
    expect(parseCli(['doctor', '--network', 'host', '--image', 'img:1'])).toMatchObject({
      ok: true,
      value: { kind: 'doctor', image: 'img:1', network: 'host', target: null },
    })
    expect(parseCli(['doctor'])).toMatchObject({ ok: true, value: { network: null } })
  })

  it('parses up with every flag', () => {
    const result = parseCli([
      'up',
      '--target',
      'octo/app',
      '--runners',
      '3',
      '--labels',
      'gpu,linux,self-hosted',
      '--image',
      'img:1',
      '--api-url',
      'https://ghe.x/api/v3',
      '--group',
      'ci',
      '--network',
      'host',
      '--cpus',
      '1.5',
      '--memory',
      '2048',
      '--docker-access',
    ])
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'up',
        apiUrl: 'https://ghe.x/api/v3',
        targets: [{ kind: 'repo', owner: 'octo', repo: 'app' }],
        allRepos: false,
        mode: { kind: 'fixed', runners: 3 },
        // The engine drops a label repeating a default (self-hosted, Linux, the architecture).
        labels: ['gpu', 'linux', 'self-hosted'],
        allowPublic: [],
        image: 'img:1',
        group: 'ci',
        network: 'host',
        cpus: 1.5,
        memoryMb: 2048,
        dockerAccess: true,
      },
    })
  })

  it('parses up for several targets, on demand', () => {
    expect(
      parseCli([
        'up',
        '--target',
        'octo/a',
        '--target',
        'acme',
        '--on-demand',
        '--min-idle',
        '1',
        '--max',
        '12',
        '--idle-timeout',
        '10m',
        '--allow-public',
        'octo/a',
      ]),
    ).toMatchObject({
      ok: true,
      value: {
        targets: [
          { kind: 'repo', owner: 'octo', repo: 'a' },
          { kind: 'org', org: 'acme' },
        ],
        mode: { kind: 'on-demand', minIdle: 1, max: 12, idleTimeoutMinutes: 10 },
        allowPublic: ['octo/a'],
      },
    })
    expect(parseCli(['up', '--all-repos', '--on-demand'])).toMatchObject({
      ok: true,
      value: {
        targets: [],
        allRepos: true,
        mode: { kind: 'on-demand', minIdle: 0, max: null, idleTimeoutMinutes: 5 },
      },
    })
  })

  it('explains a pool flag that does not fit', () => {
    expect(fail(['up', '--target', 'o/r', '--runners', '2', '--on-demand'])).toMatch(
      /either --runners/,
    )
    expect(fail(['up', '--target', 'o/r', '--runners', '2', '--min-idle', '1'])).toMatch(
      /goes with --on-demand/,
    )
    expect(fail(['up', '--target', 'o/r'])).toMatch(/--runners is required/)
    expect(fail(['up', '--runners', '1'])).toMatch(/--target is required/)
    expect(fail(['up', '--target', 'o/r', '--on-demand', '--idle-timeout', 'soon'])).toMatch(
      /whole minutes/,
    )
    expect(fail(['doctor', '--target', 'a/b', '--target', 'c/d'])).toMatch(/one --target/)
  })

  it('parses token commands and never takes the token as an argument', () => {
    expect(parseCli(['token', 'status'])).toMatchObject({
      ok: true,
      value: { kind: 'token-status', apiUrl: 'https://api.github.com' },
    })
    expect(parseCli(['token', 'set'], { RUNNERDOCK_API_URL: 'http://127.0.0.1:9/' })).toMatchObject(
      { ok: true, value: { kind: 'token-set', apiUrl: 'http://127.0.0.1:9' } },
    )
    expect(fail(['token', 'set', 'ghp_secret'])).toMatch(/standard input/)
    expect(fail(['token', 'show'])).toMatch(/token set/)
  })

  it('rejects bad flags and values with one line that says what to do', () => {
    expect(fail(['up', '--runners', '2'])).toMatch(/--target is required/)
    expect(fail(['up', '--target', 'a/b'])).toMatch(/--runners is required/)
    expect(fail(['up', '--target', 'a/b', '--runners', 'many'])).toMatch(
      /whole number from 0 to 64/,
    )
    expect(fail(['up', '--target', 'a/b', '--runners', '65'])).toMatch(/0 to 64/)
    expect(fail(['up', '--target', 'a/b/c', '--runners', '1'])).toMatch(/OWNER\/REPO/)
    expect(fail(['up', '--target', 'a/b', '--runners', '1', '--labels', 'a b'])).toMatch(
      /not a valid label/,
    )
    expect(fail(['up', '--target', 'a/b', '--runners', '1', '--bogus'])).toMatch(
      /Unknown option '--bogus'/,
    )
    expect(fail(['doctor', '--runners', '1'])).toMatch(/does not take --runners/)
    expect(fail(['launch'])).toMatch(/Unknown command/)
    expect(fail(['up', '--target', 'a/b', '--runners', '1', '--api-url', 'nope'])).toMatch(
      /--api-url/,
    )
    for (const message of [fail(['up']), fail(['launch'])])
      expect(message.split('\n')).toHaveLength(1)
  })

  it('shows help and version', () => {
    expect(parseCli([])).toEqual({ ok: true, value: { kind: 'help', topic: null } })
    expect(parseCli(['--version'])).toEqual({ ok: true, value: { kind: 'version' } })
  })

  it('refuses serve --host beyond loopback over plain HTTP unless the risk is named', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'my-server.lan']) {
      const message = fail(['serve', '--host', host])
      expect(message).toContain('--insecure-cleartext-remote')
      expect(message).toContain('SSH tunnel')
      expect(message).toContain('clear text')
      expect(message.split('\n')).toHaveLength(1)
    }
    expect(parseCli(['serve', '--host', '0.0.0.0', '--insecure-cleartext-remote'])).toMatchObject({
      ok: true,
      value: { kind: 'serve', host: '0.0.0.0', insecureCleartextRemote: true },
    })
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1'])
      expect(parseCli(['serve', '--host', host])).toMatchObject({
        ok: true,
        value: { host, insecureCleartextRemote: false },
      })
    expect(parseCli(['serve'])).toMatchObject({ ok: true, value: { host: '127.0.0.1' } })
    expect(fail(['up', '--insecure-cleartext-remote'])).toMatch(/does not take/)
    expect(remoteServeRefusal('10.0.0.1', 8080, false)).toContain('ssh -L 8080:127.0.0.1:8080')
  })

  it('parses cache list and clear, with a target or a key as list prints it', () => {
    expect(parseCli(['cache', 'list'])).toEqual({
      ok: true,
      value: { kind: 'cache', action: 'list', target: null, apiUrl: null },
    })
    expect(parseCli(['cache', 'clear', '--target', 'octo/app'])).toMatchObject({
      ok: true,
      value: { kind: 'cache', action: 'clear', target: 'octo/app', apiUrl: null },
    })
    expect(
      parseCli(['cache', 'clear', '--target', 'ghe.x/acme', '--api-url', 'https://ghe.x/api/v3']),
    ).toMatchObject({ ok: true, value: { target: 'ghe.x/acme', apiUrl: 'https://ghe.x/api/v3' } })
    expect(fail(['cache'])).toMatch(/cache list.*cache clear/)
    expect(fail(['cache', 'purge'])).toMatch(/cache list/)
    expect(fail(['cache', 'list', 'extra'])).toMatch(/Unexpected argument "extra"/)
    expect(fail(['cache', 'clear', '--target', 'a/b/c'])).toMatch(/^--target: .* names no cache/)
    expect(fail(['cache', 'list', '--runners', '2'])).toMatch(/does not take --runners/)
  })
})

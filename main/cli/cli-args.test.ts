import { describe, expect, it } from 'vitest'
import { parseCli } from './cli-args'

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
        target: { kind: 'repo', owner: 'octo', repo: 'app' },
        runners: 3,
        labels: ['gpu', 'linux'],
        image: 'img:1',
        group: 'ci',
        network: 'host',
        cpus: 1.5,
        memoryMb: 2048,
        dockerAccess: true,
      },
    })
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
})

import { describe, expect, it } from 'vitest'
import { err, ok } from '../../../common/result'
import { findDockerEngines, parseContextEntry, type ProbeFs } from './engine-probe'

function fakeFs(
  files: Record<string, string>,
  sockets: string[],
  dirs: Record<string, string[]>,
): ProbeFs {
  return {
    readDir: async (dir) => dirs[dir] ?? [],
    isSocket: async (file) => sockets.includes(file),
    readFile: async (file) => {
      const text = files[file]
      if (text === undefined) throw new Error('ENOENT')
      return text
    },
  }
}

describe('findDockerEngines', () => {
  it('pings only sockets that exist, keeps those that answer, and says what to set', async () => {
    const pinged: string[] = []
    const result = await findDockerEngines({
      env: { XDG_RUNTIME_DIR: '/run/user/1000' },
      home: '/home/ana',
      platform: 'linux',
      exclude: 'unix:///var/run/docker.sock',
      fs: fakeFs(
        {
          '/home/ana/.docker/contexts/meta/abc/meta.json': JSON.stringify({
            Name: 'rootless',
            Endpoints: { docker: { Host: 'unix:///run/user/1000/docker.sock' } },
          }),
        },
        [
          '/run/user/1000/podman/podman.sock',
          '/run/user/1000/docker.sock',
          '/run/podman/podman.sock',
        ],
        { '/home/ana/.docker/contexts/meta': ['abc'] },
      ),
      ping: async (connection) => {
        pinged.push(connection.endpoint)
        return connection.endpoint === 'unix:///run/podman/podman.sock'
          ? err({ kind: 'permission', message: 'denied', detail: 'EACCES' })
          : ok({ apiVersion: '1.41' })
      },
    })
    expect(pinged.sort()).toEqual([
      'unix:///run/podman/podman.sock',
      'unix:///run/user/1000/docker.sock',
      'unix:///run/user/1000/podman/podman.sock',
    ])
    expect(result.found.map((f) => [f.engine, f.apiVersion, f.fix])).toEqual([
      [
        'Podman (rootless)',
        '1.41',
        'Run "export DOCKER_HOST=unix:///run/user/1000/podman/podman.sock" in the shell that starts RunnerDock, or for every app "docker context create podman --docker host=unix:///run/user/1000/podman/podman.sock" and "docker context use podman", then try again.',
      ],
      [
        'Docker (rootless)',
        '1.41',
        'Run "docker context use rootless" (or set DOCKER_HOST=unix:///run/user/1000/docker.sock), then try again.',
      ],
    ])
    expect(result.looked).toBe(6)
  })

  it('lists Colima profiles from COLIMA_HOME', async () => {
    const result = await findDockerEngines({
      env: { COLIMA_HOME: '/c' },
      home: '/Users/ana',
      platform: 'darwin',
      fs: fakeFs({}, ['/c/work/docker.sock'], { '/c': ['work', '_lima'] }),
      ping: async () => ok({ apiVersion: '1.45' }),
    })
    expect(result.found.map((f) => f.endpoint)).toEqual(['unix:///c/work/docker.sock'])
  })
})

describe('parseContextEntry', () => {
  it('reads the name and docker host', () => {
    expect(
      parseContextEntry('{"Name":"colima","Endpoints":{"docker":{"Host":"unix:///x.sock"}}}'),
    ).toEqual({ name: 'colima', host: 'unix:///x.sock' })
  })
  it.each(['not json', '{}', '{"Name":"x","Endpoints":{}}'])('ignores %s', (text) =>
    expect(parseContextEntry(text)).toBeNull(),
  )
})

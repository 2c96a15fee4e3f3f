import { describe, expect, it } from 'vitest'
import {
  daemonSideSocket,
  engineCandidates,
  engineFix,
  type EngineCandidate,
  type EngineSearch,
} from './engine-sockets'

const search = (over: Partial<EngineSearch>): EngineSearch => ({
  platform: 'linux',
  env: {},
  home: '/home/ana',
  uid: 1000,
  tmpdir: '/tmp',
  colimaProfiles: [],
  podmanMachineDirs: [],
  podmanTmpFiles: [],
  ...over,
})

const paths = (list: EngineCandidate[]) => list.map((c) => `${c.engine}: ${c.path}`)

describe('engineCandidates', () => {
  it('lists rootless Podman and Docker under XDG_RUNTIME_DIR, then rootful Podman and the desktops on Linux', () => {
    expect(
      paths(
        engineCandidates(
          search({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, colimaProfiles: ['default'] }),
        ),
      ),
    ).toEqual([
      'Podman (rootless): /run/user/1000/podman/podman.sock',
      'Docker (rootless): /run/user/1000/docker.sock',
      'Podman (rootful): /run/podman/podman.sock',
      'Docker Desktop: /home/ana/.docker/desktop/docker.sock',
      'Colima (profile default): /home/ana/.colima/default/docker.sock',
      'Colima: /home/ana/.colima/docker.sock',
      'Rancher Desktop: /home/ana/.rd/docker.sock',
      'Docker Engine: /var/run/docker.sock',
    ])
  })

  it('falls back to /run/user/<uid> when XDG_RUNTIME_DIR is unset', () => {
    expect(paths(engineCandidates(search({ uid: 1234 }))).slice(0, 2)).toEqual([
      'Podman (rootless): /run/user/1234/podman/podman.sock',
      'Docker (rootless): /run/user/1234/docker.sock',
    ])
  })

  it('leaves out the endpoint that already failed', () => {
    const list = engineCandidates(search({}), 'unix:///var/run/docker.sock')
    expect(list.some((c) => c.path === '/var/run/docker.sock')).toBe(false)
  })

  it('lists Docker Desktop, OrbStack, every Colima profile, Rancher Desktop and Podman machines on macOS', () => {
    const list = engineCandidates(
      search({
        platform: 'darwin',
        home: '/Users/ana',
        env: { COLIMA_HOME: '/Users/ana/colima-home' },
        tmpdir: '/var/folders/x/T',
        colimaProfiles: ['work', 'default', '_lima', '_templates'],
        podmanMachineDirs: ['podman-machine-default', 'qemu'],
        podmanTmpFiles: [
          'podman-machine-default-api.sock',
          'podman-machine-default.sock',
          'gvproxy.pid',
        ],
      }),
    )
    expect(paths(list)).toEqual([
      'Docker Desktop: /Users/ana/.docker/run/docker.sock',
      'OrbStack: /Users/ana/.orbstack/run/docker.sock',
      'Colima (profile default): /Users/ana/colima-home/default/docker.sock',
      'Colima (profile work): /Users/ana/colima-home/work/docker.sock',
      'Colima: /Users/ana/colima-home/docker.sock',
      'Rancher Desktop: /Users/ana/.rd/docker.sock',
      'Podman machine podman-machine-default: /var/folders/x/T/podman/podman-machine-default-api.sock',
      'Podman machine (podman-machine-default): /Users/ana/.local/share/containers/podman/machine/podman-machine-default/podman.sock',
      'Podman machine (qemu): /Users/ana/.local/share/containers/podman/machine/qemu/podman.sock',
      'the default socket: /var/run/docker.sock',
    ])
    expect(list[0]!.endpoint).toBe('unix:///Users/ana/.docker/run/docker.sock')
  })

  it('honours XDG_DATA_HOME for Podman 4 machines', () => {
    const list = engineCandidates(
      search({ platform: 'darwin', env: { XDG_DATA_HOME: '/data' }, podmanMachineDirs: ['m1'] }),
    )
    expect(list.map((c) => c.path)).toContain('/data/containers/podman/machine/m1/podman.sock')
  })

  it('lists named pipes on Windows', () => {
    expect(
      engineCandidates(search({ platform: 'win32', uid: null })).map((c) => c.endpoint),
    ).toEqual([
      'npipe:////./pipe/dockerDesktopLinuxEngine',
      'npipe:////./pipe/docker_engine',
      'npipe:////./pipe/podman-machine-default',
    ])
  })
})

describe('engineFix', () => {
  const colima: EngineCandidate = {
    engine: 'Colima (profile default)',
    path: '/Users/ana/.colima/default/docker.sock',
    endpoint: 'unix:///Users/ana/.colima/default/docker.sock',
    contextName: 'colima',
  }

  it('names the docker context that already points at the socket', () => {
    expect(
      engineFix(
        colima,
        [{ name: 'colima', host: 'unix:///Users/ana/.colima/default/docker.sock' }],
        'darwin',
      ),
    ).toBe(
      'Run "docker context use colima" (or set DOCKER_HOST=unix:///Users/ana/.colima/default/docker.sock), then try again.',
    )
  })

  it('says what to export, and how to make a context for apps that do not see the shell', () => {
    expect(
      engineFix(colima, [{ name: 'default', host: 'unix:///var/run/docker.sock' }], 'darwin'),
    ).toBe(
      'Run "export DOCKER_HOST=unix:///Users/ana/.colima/default/docker.sock" in the shell that starts RunnerDock, or for every app "docker context create colima --docker host=unix:///Users/ana/.colima/default/docker.sock" and "docker context use colima", then try again.',
    )
  })

  it('sends the default socket back to the default context', () => {
    const engine: EngineCandidate = {
      engine: 'Docker Engine',
      path: '/var/run/docker.sock',
      endpoint: 'unix:///var/run/docker.sock',
      contextName: 'docker-engine',
    }
    expect(engineFix(engine, [], 'linux')).toBe(
      'Run "unset DOCKER_HOST" and "docker context use default" (the default context points there), then try again.',
    )
  })

  it('uses PowerShell syntax on Windows', () => {
    const podman = {
      engine: 'Podman machine podman-machine-default',
      path: '//./pipe/podman-machine-default',
      endpoint: 'npipe:////./pipe/podman-machine-default',
      contextName: 'podman-machine-default',
    }
    expect(engineFix(podman, [], 'win32')).toMatch(
      /^Run "\$env:DOCKER_HOST="npipe:\/\/\/\/\.\/pipe\/podman-machine-default"" .*"docker context create podman-machine-default /,
    )
  })
})

describe('daemonSideSocket', () => {
  it.each([
    ['/Users/ana/.docker/run/docker.sock', '/var/run/docker.sock'],
    ['/home/ana/.docker/desktop/docker.sock', '/var/run/docker.sock'],
    ['/Users/ana/.orbstack/run/docker.sock', '/var/run/docker.sock'],
    ['/Users/ana/.colima/work/docker.sock', '/var/run/docker.sock'],
    ['/Users/ana/.rd/docker.sock', '/var/run/docker.sock'],
    [
      '/Users/ana/.local/share/containers/podman/machine/qemu/podman.sock',
      '/run/podman/podman.sock',
    ],
    ['/var/folders/x/T/podman/podman-machine-default-api.sock', '/run/podman/podman.sock'],
    ['/run/user/1000/podman/podman.sock', '/run/user/1000/podman/podman.sock'],
    ['/var/run/docker.sock', '/var/run/docker.sock'],
  ])('%s -> %s', (socket, inside) => {
    const home = socket.startsWith('/home') ? '/home/ana' : '/Users/ana'
    expect(daemonSideSocket(socket, home, {}, '/var/folders/x/T')).toBe(inside)
  })
})

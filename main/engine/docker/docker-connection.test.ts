import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  contextId,
  parseContextMeta,
  resolveDockerConnection,
  type ReadTextFile,
} from './docker-connection'

const noFiles: ReadTextFile = async (file) => {
  throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' })
}

const files =
  (map: Record<string, string>): ReadTextFile =>
  async (file) => {
    const text = map[file]
    if (text === undefined) return noFiles(file, 'utf8')
    return text
  }

describe('resolveDockerConnection', () => {
  it('uses the platform socket when nothing is configured', async () => {
    const linux = await resolveDockerConnection({}, noFiles, '/home/u', 'linux')
    expect(linux).toEqual({
      ok: true,
      value: {
        options: { socketPath: '/var/run/docker.sock' },
        endpoint: 'unix:///var/run/docker.sock',
        description: 'unix:///var/run/docker.sock (context: default)',
        socketPath: '/var/run/docker.sock',
        skipTlsVerify: false,
      },
    })
    const windows = await resolveDockerConnection({}, noFiles, 'C:\\Users\\u', 'win32')
    expect(windows.ok && windows.value.options).toEqual({ socketPath: '//./pipe/docker_engine' })
    expect(windows.ok && windows.value.socketPath).toBeNull()
    expect(windows.ok && windows.value.description).toBe(
      'npipe:////./pipe/docker_engine (context: default)',
    )
  })

  it('honours DOCKER_HOST unix:// and npipe://', async () => {
    const unix = await resolveDockerConnection(
      { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' },
      noFiles,
      '/home/u',
      'linux',
    )
    expect(unix.ok && unix.value).toMatchObject({
      options: { socketPath: '/run/user/1000/docker.sock' },
      socketPath: '/run/user/1000/docker.sock',
      description: 'unix:///run/user/1000/docker.sock (DOCKER_HOST)',
    })
    const pipe = await resolveDockerConnection(
      { DOCKER_HOST: 'npipe:////./pipe/dockerDesktopLinuxEngine' },
      noFiles,
      'C:\\u',
      'win32',
    )
    expect(pipe.ok && pipe.value).toMatchObject({
      options: { socketPath: '//./pipe/dockerDesktopLinuxEngine' },
      socketPath: null,
    })
  })

  it('honours DOCKER_HOST tcp:// with and without TLS', async () => {
    const plain = await resolveDockerConnection(
      { DOCKER_HOST: 'tcp://10.0.0.5:2375' },
      noFiles,
      '/h',
    )
    expect(plain.ok && plain.value).toMatchObject({
      options: { host: '10.0.0.5', port: 2375, protocol: 'http' },
      endpoint: 'tcp://10.0.0.5:2375',
      socketPath: null,
    })
    const bare = await resolveDockerConnection(
      { DOCKER_HOST: 'docker.example:1234' },
      noFiles,
      '/h',
    )
    expect(bare.ok && bare.value.options).toMatchObject({ host: 'docker.example', port: 1234 })

    const certs = files({
      '/certs/ca.pem': 'CA',
      '/certs/cert.pem': 'CERT',
      '/certs/key.pem': 'KEY',
    })
    const tls = await resolveDockerConnection(
      { DOCKER_HOST: 'tcp://docker.example', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
      certs,
      '/h',
    )
    expect(tls.ok && tls.value).toMatchObject({
      options: {
        host: 'docker.example',
        port: 2376,
        protocol: 'https',
        ca: 'CA',
        cert: 'CERT',
        key: 'KEY',
      },
      skipTlsVerify: false,
    })
    // The cert path defaults to the config folder (~/.docker), like the docker CLI.
    const defaultDir = files({
      [path.join('/h', '.docker', 'ca.pem')]: 'CA',
      [path.join('/h', '.docker', 'cert.pem')]: 'CERT',
      [path.join('/h', '.docker', 'key.pem')]: 'KEY',
    })
    const fromHome = await resolveDockerConnection(
      { DOCKER_HOST: 'tcp://d:2376', DOCKER_TLS_VERIFY: '1' },
      defaultDir,
      '/h',
    )
    expect(fromHome.ok && fromHome.value.options.ca).toBe('CA')
  })

  it('says what to do when TLS certificates are missing or the scheme is unsupported', async () => {
    const missing = await resolveDockerConnection(
      { DOCKER_HOST: 'tcp://d:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nowhere' },
      noFiles,
      '/h',
    )
    expect(missing.ok).toBe(false)
    expect(!missing.ok && missing.error.message).toMatch(/DOCKER_CERT_PATH/)
    const ssh = await resolveDockerConnection({ DOCKER_HOST: 'ssh://me@box' }, noFiles, '/h')
    expect(!ssh.ok && ssh.error.message).toMatch(/ssh:\/\//)
    expect(!ssh.ok && ssh.error.message).not.toMatch(/me@box/)
  })

  it('DOCKER_HOST wins over DOCKER_CONTEXT (docker CLI order)', async () => {
    const result = await resolveDockerConnection(
      { DOCKER_HOST: 'unix:///a.sock', DOCKER_CONTEXT: 'other' },
      noFiles,
      '/h',
    )
    expect(result.ok && result.value.socketPath).toBe('/a.sock')
  })

  describe('contexts from a DOCKER_CONFIG folder', () => {
    let dir = ''
    const writeContext = async (name: string, meta: unknown, tls?: Record<string, string>) => {
      const metaDir = path.join(dir, 'contexts', 'meta', contextId(name))
      await fsp.mkdir(metaDir, { recursive: true })
      await fsp.writeFile(path.join(metaDir, 'meta.json'), JSON.stringify(meta))
      if (tls) {
        const tlsDir = path.join(dir, 'contexts', 'tls', contextId(name), 'docker')
        await fsp.mkdir(tlsDir, { recursive: true })
        for (const [file, text] of Object.entries(tls))
          await fsp.writeFile(path.join(tlsDir, file), text)
      }
    }

    beforeAll(async () => {
      dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-docker-config-'))
      await writeContext('desktop-linux', {
        Name: 'desktop-linux',
        Endpoints: {
          docker: { Host: 'unix:///home/u/.docker/desktop/docker.sock', SkipTLSVerify: false },
        },
      })
      await writeContext(
        'remote',
        {
          Name: 'remote',
          Endpoints: { docker: { Host: 'tcp://build.example:2376', SkipTLSVerify: false } },
        },
        { 'ca.pem': 'RCA', 'cert.pem': 'RCERT', 'key.pem': 'RKEY' },
      )
      await writeContext(
        'insecure',
        {
          Name: 'insecure',
          Endpoints: { docker: { Host: 'tcp://lab:2376', SkipTLSVerify: true } },
        },
        { 'cert.pem': 'C', 'key.pem': 'K' },
      )
      await writeContext('empty', { Name: 'empty', Endpoints: {} })
    })

    afterAll(async () => {
      await fsp.rm(dir, { recursive: true, force: true })
    })

    it('reads currentContext from config.json', async () => {
      await fsp.writeFile(
        path.join(dir, 'config.json'),
        JSON.stringify({ currentContext: 'desktop-linux' }),
      )
      const result = await resolveDockerConnection({ DOCKER_CONFIG: dir }, fsp.readFile, '/unused')
      expect(result.ok && result.value).toEqual({
        options: { socketPath: '/home/u/.docker/desktop/docker.sock' },
        endpoint: 'unix:///home/u/.docker/desktop/docker.sock',
        description: 'unix:///home/u/.docker/desktop/docker.sock (context: desktop-linux)',
        socketPath: '/home/u/.docker/desktop/docker.sock',
        skipTlsVerify: false,
      })
    })

    it('prefers DOCKER_CONTEXT and reads the context TLS folder', async () => {
      const result = await resolveDockerConnection(
        { DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'remote' },
        fsp.readFile,
        '/unused',
      )
      expect(result.ok && result.value).toMatchObject({
        options: {
          host: 'build.example',
          port: 2376,
          protocol: 'https',
          ca: 'RCA',
          cert: 'RCERT',
          key: 'RKEY',
        },
        description: 'tcp://build.example:2376 (context: remote)',
        skipTlsVerify: false,
      })
      const insecure = await resolveDockerConnection(
        { DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'insecure' },
        fsp.readFile,
        '/unused',
      )
      expect(insecure.ok && insecure.value.skipTlsVerify).toBe(true)
      expect(insecure.ok && insecure.value.options.protocol).toBe('https')
    })

    it('treats the "default" context and a broken config.json as the platform default', async () => {
      const named = await resolveDockerConnection(
        { DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'default' },
        fsp.readFile,
        '/unused',
        'linux',
      )
      expect(named.ok && named.value.socketPath).toBe('/var/run/docker.sock')
      const broken = await resolveDockerConnection(
        { DOCKER_CONFIG: dir },
        files({ [path.join(dir, 'config.json')]: '{not json' }),
        '/unused',
        'linux',
      )
      expect(broken.ok && broken.value.socketPath).toBe('/var/run/docker.sock')
    })

    it('fails with what to do for a missing or endpoint-less context', async () => {
      const missing = await resolveDockerConnection(
        { DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'gone' },
        fsp.readFile,
        '/unused',
      )
      expect(!missing.ok && missing.error.kind).toBe('not-found')
      expect(!missing.ok && missing.error.message).toMatch(/"gone".*docker context ls/)
      const empty = await resolveDockerConnection(
        { DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'empty' },
        fsp.readFile,
        '/unused',
      )
      expect(!empty.ok && empty.error.message).toMatch(/no Docker endpoint/)
    })

    it('defaults DOCKER_CONFIG to ~/.docker', async () => {
      const home = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-home-'))
      try {
        await fsp.cp(dir, path.join(home, '.docker'), { recursive: true })
        await fsp.writeFile(
          path.join(home, '.docker', 'config.json'),
          JSON.stringify({ currentContext: 'desktop-linux' }),
        )
        const result = await resolveDockerConnection({}, fsp.readFile, home)
        expect(result.ok && result.value.description).toMatch(/context: desktop-linux/)
      } finally {
        await fsp.rm(home, { recursive: true, force: true })
      }
    })
  })
})

describe('context files', () => {
  it('names a context folder by the sha256 of its name (docker CLI store layout)', () => {
    expect(contextId('default')).toBe(
      '37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f',
    )
  })

  it('reads the docker endpoint from meta.json', () => {
    expect(
      parseContextMeta('{"Endpoints":{"docker":{"Host":"unix:///x","SkipTLSVerify":true}}}'),
    ).toEqual({
      host: 'unix:///x',
      skipTlsVerify: true,
    })
    expect(parseContextMeta('{"Endpoints":{}}')).toBeNull()
    expect(parseContextMeta('nope')).toBeNull()
  })
})

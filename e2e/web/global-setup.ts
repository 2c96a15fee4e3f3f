// Starts what the browser specs drive: the GitHub API emulator, a private gnome-keyring, the
// stand-in runner image, a Docker proxy the specs can cut (to show "Docker is down" without
// touching the real daemon), and `runnerdock serve` wired to all of them. Specs find them through
// environment variables (Playwright hands globalSetup's process.env to its workers).
import { spawn } from 'node:child_process'
import { promises as fsp } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import Dockerode from 'dockerode'
import { startEmulator } from '../emulator'
import { buildRunnerImage } from '../runner-image/build'
import { startDockerProxy } from '../support/docker-proxy'
import { startKeyring } from '../support/keyring'
import { LABELS } from '../../main/engine/pool/runner-labels'
import { removeInstallationVolumes } from '../support/installation-volumes'

const ROOT = path.resolve(__dirname, '../..')

/** Starts everything; returns the teardown Playwright calls after the last spec. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const [emulator, keyring, image, proxy] = await Promise.all([
    startEmulator({ runnerOfflineAfterMs: 2000 }),
    startKeyring(),
    buildRunnerImage(),
    startDockerProxy(),
  ])
  const configDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-web-'))
  // What a user would type in Settings, except the API URL (GitHub itself is not reachable here)
  // and host networking (so runner containers reach the emulator on 127.0.0.1).
  await fsp.writeFile(
    path.join(configDir, 'settings.json'),
    JSON.stringify({
      apiUrl: emulator.url,
      image,
      networkMode: 'host',
      desiredRunners: 0,
      // An OAuth app client id turns on "Sign in with GitHub" (the emulator accepts any).
      oauthClientId: 'Iv1.runnerdocke2e0001',
      maxRunners: 4,
    }),
  )
  const control = await startControl(proxy)
  const serve = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/runnerdock.js'), 'serve', '--port', '0'],
    {
      env: {
        ...keyring.env,
        PATH: process.env.PATH,
        DOCKER_HOST: proxy.dockerHost,
        RUNNERDOCK_CONFIG_DIR: configDir,
        RUNNERDOCK_LIST_INTERVAL_MS: '2000',
        RUNNERDOCK_ONLINE_TIMEOUT_MS: '30000',
        // Job queues read every 2 s even when quiet, so on-demand specs see a queued job at once.
        RUNNERDOCK_DEMAND_QUIET_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let log = ''
  serve.stderr!.on('data', (d: Buffer) => (log += d.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    serve.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const line = out.split('\n').find((l) => l.startsWith('http'))
      if (line) resolve(line.trim())
    })
    serve.once('exit', (code) => reject(new Error(`runnerdock serve exited (${code}):\n${log}`)))
    setTimeout(() => reject(new Error(`runnerdock serve printed no URL in 30 s:\n${log}`)), 30_000)
  })
  Object.assign(process.env, {
    RUNNERDOCK_URL: url,
    RUNNERDOCK_EMULATOR_URL: emulator.url,
    RUNNERDOCK_CONFIG_DIR_E2E: configDir,
    RUNNERDOCK_CONTROL_URL: control.url,
  })

  return async () => {
    const exited = new Promise((resolve) => serve.once('exit', resolve))
    serve.kill('SIGINT')
    setTimeout(() => serve.kill('SIGINT'), 15_000).unref()
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 40_000))])
    serve.kill('SIGKILL')
    const settings = JSON.parse(
      await fsp.readFile(path.join(configDir, 'settings.json'), 'utf8'),
    ) as {
      installationId?: string
    }
    if (settings.installationId) {
      const docker = new Dockerode()
      const left = await docker.listContainers({
        all: true,
        filters: { label: [`${LABELS.installation}=${settings.installationId}`] },
      })
      for (const c of left)
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => {})
      // Each target's cache outlives the runners on purpose: the suite removes its own.
      await removeInstallationVolumes(settings.installationId)
    }
    await Promise.all([emulator.close(), keyring.stop(), proxy.close(), control.close()])
    await fsp.rm(configDir, { recursive: true, force: true })
  }
}

/** A loopback endpoint the specs call to cut and restore the Docker proxy (`POST /docker/cut`). */
async function startControl(proxy: Awaited<ReturnType<typeof startDockerProxy>>) {
  const server = http.createServer((req, res) => {
    const action = req.method === 'POST' ? req.url : null
    const run =
      action === '/docker/cut' ? proxy.cut() : action === '/docker/restore' ? proxy.restore() : null
    if (!run) return void res.writeHead(404).end()
    run.then(
      () => res.writeHead(204).end(),
      (error: Error) => res.writeHead(500).end(error.message),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

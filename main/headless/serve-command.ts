import { existsSync } from 'node:fs'
import { join } from 'node:path'
import packageJson from '../../package.json'
import type { CliCommand } from '../cli/cli-args'
import { EXIT, type CliIo } from '../cli/cli-io'
import type { CliServices } from '../cli/cli-services'
import { Engine } from '../engine/engine'
import { SettingsUnreadableError } from '../engine/settings/settings-store'
import { startHeadlessServer } from './headless-server'
import { poolTuningFromEnv } from '../cli/pool-tuning'
import { isLoopbackHost } from '../../common/target'

/** Where the built renderer is: next to the bundled CLI, or the repository's `out/renderer`. */
export function rendererDir(env: CliIo['env']): string {
  if (env.RUNNERDOCK_RENDERER_DIR) return env.RUNNERDOCK_RENDERER_DIR
  const candidates = [
    join(__dirname, '..', 'renderer'),
    join(__dirname, '..', '..', 'out', 'renderer'),
    join(process.cwd(), 'out', 'renderer'),
  ]
  return (
    candidates.find((dir) => existsSync(join(dir, 'index.html'))) ??
    candidates[candidates.length - 1]!
  )
}

/**
 * `runnerdock serve`: the engine plus the dashboard in a browser, for machines without a desktop.
 * Loopback by default; the printed URL carries a random access token. Ctrl-C drains the pool,
 * twice stops it now, then the server closes.
 */
export async function serve(
  io: CliIo,
  services: CliServices,
  command: Extract<CliCommand, { kind: 'serve' }>,
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const dir = rendererDir(io.env)
  if (!existsSync(join(dir, 'index.html')))
    return (
      io.err(
        `The dashboard is not built (no ${join(dir, 'index.html')}). Run "npm run build" first.`,
      ),
      EXIT.failed
    )
  let engine: Engine
  try {
    engine = await Engine.create({
      settings: services.settings,
      tokens: services.tokens,
      docker: () => services.docker(),
      configDir: services.configDir,
      host: 'headless',
      version: packageJson.version,
      poolTuning: poolTuningFromEnv(io.env),
    })
  } catch (error) {
    // A settings file that exists but cannot be read: starting anyway would orphan the runners.
    if (error instanceof SettingsUnreadableError) return (io.err(error.message), EXIT.failed)
    throw error
  }
  if (command.apiUrl !== null && command.apiUrl !== engine.settings.apiUrl)
    await engine.updateSettings({ patch: { apiUrl: command.apiUrl } })
  const state = await engine.getState()
  if (state.settingsWarning) io.err(`WARNING: ${state.settingsWarning}`)
  let server
  try {
    server = await startHeadlessServer({
      engine,
      rendererDir: dir,
      host: command.host,
      port: command.port,
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    io.err(
      code === 'EADDRINUSE'
        ? `Port ${command.port} is in use. Choose another with --port.`
        : `Could not start the server: ${(error as Error).message}`,
    )
    await engine.dispose()
    return EXIT.failed
  }
  io.out(server.url)
  if (!isLoopbackHost(command.host)) {
    // Only reachable with --insecure-cleartext-remote (cli-args refuses it otherwise).
    io.err(
      `WARNING: listening on ${command.host} over plain HTTP: anyone who can reach this address and has the link can control your runners, and the link and its cookie cross the network as clear text.`,
    )
  }
  engine.on('notice', (n) =>
    io.err(`${new Date(n.time).toISOString().slice(11, 19)} ${n.runner ?? 'pool'} ${n.message}`),
  )
  await new Promise<void>((resolve) => {
    let stopping = false
    const onSignal = () => {
      if (stopping) return void engine.stopAndWait('now')
      stopping = true
      io.err(
        engine.isRunning
          ? 'Stopping: waiting for running jobs (Ctrl-C again to stop now)…'
          : 'Stopping…',
      )
      void engine.stopAndWait('drain').then(resolve)
    }
    signals.on('SIGINT', onSignal)
    signals.on('SIGTERM', onSignal)
  })
  await server.close()
  await engine.dispose()
  io.out('Stopped.')
  return EXIT.ok
}

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import packageJson from '../../package.json'
import { stopComplete } from '../../common/stop-report'
import { isLoopbackHost } from '../../common/target'
import { Engine } from '../engine/engine'
import { SettingsUnreadableError } from '../engine/settings/settings-store'
import { EXIT, type ConsoleIo } from '../services/console-io'
import { poolTuningFromEnv } from '../services/pool-tuning'
import type { RealServices } from '../services/real-services'
import { startHeadlessServer } from './headless-server'

/** What `runnerdock serve` was asked for. */
export interface ServeOptions {
  readonly apiUrl: string | null
  readonly port: number
  readonly host: string
}

/** Where the built renderer is: next to the bundled CLI, or the repository's `out/renderer`. */
export function rendererDir(env: ConsoleIo['env']): string {
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
  io: ConsoleIo,
  services: RealServices,
  options: ServeOptions,
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
  // In place before the engine can adopt or create anything: a Ctrl-C during start-up cleans up.
  let engine: Engine | null = null
  let stopping: Promise<unknown> | null = null
  let signalled!: () => void
  const stopAsked = new Promise<void>((resolve) => (signalled = resolve))
  const onSignal = () => {
    if (stopping) return void engine?.stopAndWait('now')
    io.err(
      engine?.isRunning
        ? 'Stopping: waiting for running jobs (Ctrl-C again to stop now)…'
        : 'Stopping…',
    )
    stopping = engine?.stopAndWait('drain') ?? Promise.resolve(null)
    signalled()
  }
  signals.on('SIGINT', onSignal)
  signals.on('SIGTERM', onSignal)
  try {
    try {
      engine = await Engine.create({
        ...services,
        host: 'headless',
        version: packageJson.version,
        poolTuning: poolTuningFromEnv(io.env),
      })
    } catch (error) {
      // A settings file that exists but cannot be read: starting anyway would orphan the runners.
      if (error instanceof SettingsUnreadableError) return (io.err(error.message), EXIT.failed)
      throw error
    }
    engine.on('notice', (n) =>
      io.err(`${new Date(n.time).toISOString().slice(11, 19)} ${n.runner ?? 'pool'} ${n.message}`),
    )
    if (options.apiUrl !== null && options.apiUrl !== engine.settings.apiUrl)
      await engine.updateSettings({ patch: { apiUrl: options.apiUrl } })
    const state = await engine.getState()
    if (state.settingsWarning) io.err(`WARNING: ${state.settingsWarning}`)
    let server
    try {
      server = await startHeadlessServer({
        engine,
        rendererDir: dir,
        host: options.host,
        port: options.port,
        metrics: async () => ({
          contentType: engine!.metrics.contentType,
          body: await engine!.metrics.exposition(),
        }),
      })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      io.err(
        code === 'EADDRINUSE'
          ? `Port ${options.port} is in use. Choose another with --port.`
          : `Could not start the server: ${(error as Error).message}`,
      )
      await engine.stopAndWait('now')
      return EXIT.failed
    }
    io.out(server.url)
    if (!isLoopbackHost(options.host)) {
      // Only reachable with --insecure-cleartext-remote (cli-args refuses it otherwise).
      io.err(
        `WARNING: listening on ${options.host} over plain HTTP: anyone who can reach this address and has the link can control your runners, and the link and its cookie cross the network as clear text.`,
      )
    }
    await stopAsked
    const report = await engine.stopAndWait('drain')
    await server.close()
    if (!report) {
      io.out('Stopped.')
      return EXIT.ok
    }
    // The engine has told what the stop left (as notices, printed above); the exit code says it too.
    return stopComplete(report) ? EXIT.ok : EXIT.incomplete
  } finally {
    signals.off('SIGINT', onSignal)
    signals.off('SIGTERM', onSignal)
    await engine?.dispose()
  }
}

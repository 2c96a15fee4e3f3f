import { DEFAULT_IMAGE, RUNNER_CEILING, type Settings } from '../../../common/settings'
import { stopComplete, type StopReport } from '../../../common/stop-report'
import { Engine } from '../../engine/engine'
import { settingsWithOverrides } from '../../engine/settings/settings-overrides'
import { EXIT, type ConsoleIo } from '../../services/console-io'
import { poolTuningFromEnv } from '../../services/pool-tuning'
import type { RealServices } from '../../services/real-services'
import type { CliCommand } from '../cli-args'
import { formatNotice, formatPoolLine } from '../cli-output'

type UpCommand = Extract<CliCommand, { kind: 'up' }>

/** The settings `up`'s flags stand for; applied over the saved ones, never written back. */
export function upOverrides(command: UpCommand): Partial<Settings> {
  const { mode } = command
  return {
    apiUrl: command.apiUrl,
    targets: [...command.targets],
    discoverRepositories: command.allRepos,
    mode: mode.kind,
    ...(mode.kind === 'fixed'
      ? {
          desiredRunners: mode.runners,
          // N per target was asked for explicitly: the machine's default maximum does not cut it.
          maxRunners: command.allRepos
            ? RUNNER_CEILING
            : Math.min(RUNNER_CEILING, Math.max(1, mode.runners * command.targets.length)),
        }
      : {
          minIdle: mode.minIdle,
          maxRunners: mode.max,
          idleTimeoutMinutes: mode.idleTimeoutMinutes,
        }),
    allowPublic: [...command.allowPublic],
    labels: [...command.labels],
    runnerGroup: command.group,
    image: command.image ?? DEFAULT_IMAGE,
    cpus: command.cpus,
    memoryMb: command.memoryMb,
    networkMode: command.network,
    dockerAccess: command.dockerAccess,
    runOnLaunch: false,
  }
}

/**
 * `runnerdock up`: the same Engine the desktop app and `serve` drive, in the foreground, printing
 * one line per state change and every notice. The first SIGINT/SIGTERM drains, a second stops
 * now; the signal handlers are in place before anything is adopted or created. The exit code says
 * whether the stop left anything behind (checked with Docker and GitHub, never assumed).
 */
export async function up(
  io: ConsoleIo,
  services: RealServices,
  command: UpCommand,
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  let stopRequested: Promise<StopReport | null> | null = null
  let engine: Engine | null = null
  let signalled!: () => void
  const firstSignal = new Promise<void>((resolve) => (signalled = resolve))
  const onSignal = () => {
    if (stopRequested === null) {
      stopRequested = engine?.stopAndWait('drain') ?? Promise.resolve(null)
      signalled()
    } else void engine?.stopAndWait('now')
  }
  signals.on('SIGINT', onSignal)
  signals.on('SIGTERM', onSignal)
  try {
    const settings = settingsWithOverrides(services.settings, upOverrides(command))
    const readable = await settings.read()
    // A settings file that exists but cannot be read: a new installation id would orphan runners.
    if (!readable.ok) return (io.err(readable.error.message), EXIT.failed)
    engine = await Engine.create({
      ...services,
      settings,
      host: 'cli',
      version: 'cli',
      poolTuning: poolTuningFromEnv(io.env),
    })
    const { settingsWarning } = await engine.getState()
    if (settingsWarning) io.err(`WARNING: ${settingsWarning}`)
    // Stopped before the engine existed: nothing was made.
    if (stopRequested !== null) return EXIT.ok
    let lastLine = ''
    engine.on('notice', (notice) => io.out(formatNotice(notice)))
    engine.on('snapshot', (snapshot) => {
      const line = formatPoolLine(snapshot)
      if (line !== lastLine) io.out(`${new Date().toISOString().slice(11, 19)} ${line}`)
      lastLine = line
    })
    io.out('Press Ctrl-C to drain and stop; press it again to stop now.')
    const started = await engine.start()
    if (!started.ok && stopRequested === null) {
      io.err(started.message)
      return EXIT.failed
    }
    // A Ctrl-C during start-up stops whatever the start made.
    if (stopRequested === null) await firstSignal
    const report = await (stopRequested ?? Promise.resolve(null))
    if (!report) {
      io.out('Stopped before the pool started: nothing was created.')
      return EXIT.ok
    }
    // The engine has told what the stop left (its notices are printed above); the exit code says it too.
    return stopComplete(report) ? EXIT.ok : EXIT.incomplete
  } finally {
    signals.off('SIGINT', onSignal)
    signals.off('SIGTERM', onSignal)
    await engine?.dispose()
  }
}

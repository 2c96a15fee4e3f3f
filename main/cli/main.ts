import { assertNever } from '../../common/assert-never'
import { parseCli } from './cli-args'
import { EXIT, type ConsoleIo } from '../services/console-io'
import type { RealServices } from '../services/real-services'
import type { CliCommand } from './cli-args'
import { HELP } from './cli-output'
import { cacheCommand } from './commands/cache'
import { doctor } from './commands/doctor'
import { doctorFix } from './commands/doctor-fix'
import { exportCommand } from './commands/export'
import { jobsCommand, metricsCommand } from './commands/history-commands'
import { tokenClear, tokenSet, tokenStatus } from './commands/token'
import { up } from './commands/up'

/** Runs `runnerdock serve`: given by the entry point, since the CLI never imports a host. */
export type ServeCommand = (
  io: ConsoleIo,
  services: RealServices,
  options: Extract<CliCommand, { kind: 'serve' }>,
) => Promise<number>

/** The CLI's whole behaviour, from argv to exit code; `main/bin/runnerdock.ts` wires real IO. */
export async function runCli(
  argv: readonly string[],
  io: ConsoleIo,
  services: () => Promise<RealServices>,
  version: string,
  serve: ServeCommand,
): Promise<number> {
  const parsed = parseCli(argv, io.env)
  if (!parsed.ok) {
    io.err(parsed.error)
    return EXIT.usage
  }
  const command = parsed.value
  switch (command.kind) {
    case 'help':
      io.out(HELP)
      return EXIT.ok
    case 'version':
      io.out(version)
      return EXIT.ok
    case 'token-set':
      return tokenSet(io, (await services()).tokens, command.apiUrl, command.target)
    case 'token-status':
      return tokenStatus(io, (await services()).tokens, command.apiUrl, command.target)
    case 'token-clear':
      return tokenClear(io, (await services()).tokens, command.apiUrl)
    case 'up':
      return up(io, await services(), command)
    case 'doctor': {
      const real = await services()
      const checked = await doctor(io, real, command)
      return command.fix ? doctorFix(io, real) : checked
    }
    case 'jobs':
      return jobsCommand(io, await services(), command)
    case 'metrics':
      return metricsCommand(io, await services())
    case 'cache':
      return cacheCommand(io, await services(), command)
    case 'export-arc':
      return exportCommand(io, await services(), command)
    case 'serve':
      return serve(io, await services(), command)
    default:
      return assertNever(command)
  }
}

import { assertNever } from '../../common/assert-never'
import { parseCli } from './cli-args'
import { EXIT, type CliIo } from './cli-io'
import { HELP } from './cli-output'
import type { CliServices } from './cli-services'
import { doctor } from './commands/doctor'
import { tokenClear, tokenSet, tokenStatus } from './commands/token'
import { up } from './commands/up'

/** The CLI's whole behaviour, from argv to exit code; `bin/runnerdock.js` only wires real IO. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  services: () => Promise<CliServices>,
  version: string,
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
    case 'doctor':
      return doctor(io, await services(), command.apiUrl, command.target, command.image)
    case 'serve': {
      const { serve } = await import('../headless/serve-command')
      return serve(io, await services(), command)
    }
    default:
      return assertNever(command)
  }
}

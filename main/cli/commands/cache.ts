import { cacheKeyOf } from '../../../common/cache-plan'
import { parseApiUrl } from '../../../common/target'
import { CacheControl } from '../../engine/cache-control'
import { EXIT, type ConsoleIo } from '../../services/console-io'
import type { RealServices } from '../../services/real-services'
import type { CliCommand } from '../cli-args'
import { formatCacheTable } from '../cache-table'

/**
 * `runnerdock cache list|clear [--target T]`: the caches' sizes, or clearing them, straight on
 * Docker with the saved settings (the cap, the API host). Safe while a pool runs, in this process
 * or another: a cache a running job uses is retired, not pulled from under it.
 */
export async function cacheCommand(
  io: ConsoleIo,
  services: Pick<RealServices, 'docker' | 'settings'>,
  command: Extract<CliCommand, { kind: 'cache' }>,
): Promise<number> {
  const loaded = await services.settings.read()
  if (!loaded.ok) return (io.err(loaded.error.message), EXIT.failed)
  const settings = {
    ...loaded.value.settings,
    ...(command.apiUrl !== null ? { apiUrl: command.apiUrl } : {}),
  }
  const control = new CacheControl(services.docker, () => settings)
  if (command.action === 'clear') {
    const cleared = await control.clear(command.target ?? undefined)
    if (!cleared.ok) return (io.err(cleared.message), EXIT.failed)
    io.out(cleared.message)
    return EXIT.ok
  }
  let only: string | null = null
  if (command.target !== null) {
    const api = parseApiUrl(settings.apiUrl)
    const key = cacheKeyOf(command.target, api.ok ? api.value.host : 'github.com')
    if (!key.ok) return (io.err(`--target: ${key.error}`), EXIT.usage)
    only = key.value
  }
  const listed = await control.list()
  if (!listed.ok) return (io.err(listed.message), EXIT.failed)
  io.out(formatCacheTable(listed, only))
  return EXIT.ok
}

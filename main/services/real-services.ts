import { systemClock } from '../../common/clock'
import { err, ok, type Result } from '../../common/result'
import { pendingRegistrationsFile } from '../engine/cleanup/pending-registrations-file'
import { createDockerPort, resolveDockerConnection } from '../engine/docker'
import type { EngineServices } from '../engine/engine-deps'
import { createKeychainTokenStore } from '../engine/secrets/keychain-token-store'
import { createSettingsStore, defaultConfigDir } from '../engine/settings/settings-store'

/** The real services, plus the installation id the CLI's own commands ask for. */
export interface RealServices extends EngineServices {
  /** This installation's id, created and saved on first use; also reports a damaged settings file. */
  installation(): Promise<Result<{ id: string; warning: string | null }, string>>
}

/**
 * The one composition root: the OS keychain, settings and pending cleanups in the user's config
 * folder, the Docker daemon, the system clock. The CLI, the headless host and the desktop app all
 * take their services from here, so they run the same engine on the same adapters.
 */
export function createRealServices(
  env: NodeJS.ProcessEnv,
  crashGuard?: EngineServices['crashGuard'],
): RealServices {
  const configDir = defaultConfigDir(env)
  const settings = createSettingsStore({ dir: configDir })
  return {
    tokens: createKeychainTokenStore({ env }),
    configDir,
    settings,
    pending: pendingRegistrationsFile(configDir),
    clock: systemClock,
    crashGuard,
    installation: async () => {
      const loaded = await settings.read()
      if (!loaded.ok) return err(loaded.error.message)
      return loaded.value.settings.installationId
        ? ok({ id: loaded.value.settings.installationId, warning: loaded.value.warning })
        : err('Could not create an installation id.')
    },
    docker: async () => {
      const connection = await resolveDockerConnection(env)
      if (!connection.ok) return connection
      return ok({
        port: createDockerPort({ connection: connection.value }),
        description: connection.value.description,
        connection: connection.value,
      })
    },
  }
}

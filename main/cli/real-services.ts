import { err, ok } from '../../common/result'
import { createDockerPort, resolveDockerConnection } from '../engine/docker'
import { createKeychainTokenStore } from '../engine/secrets/keychain-token-store'
import { createSettingsStore, defaultConfigDir } from '../engine/settings/settings-store'
import type { CliServices } from './cli-services'

/** The real adapters: the OS keychain, settings in the user's config folder, the Docker daemon. */
export async function createCliServices(env: NodeJS.ProcessEnv): Promise<CliServices> {
  const configDir = defaultConfigDir(env)
  const settings = createSettingsStore({ dir: configDir })
  return {
    tokens: createKeychainTokenStore({ env }),
    configDir,
    settings,
    installation: async () => {
      const loaded = await settings.load()
      return loaded.settings.installationId
        ? ok({ id: loaded.settings.installationId, warning: loaded.warning })
        : err('Could not create an installation id.')
    },
    docker: async () => {
      const connection = await resolveDockerConnection(env)
      if (!connection.ok) return connection
      return ok({
        port: createDockerPort({ connection: connection.value }),
        description: connection.value.description,
      })
    },
  }
}

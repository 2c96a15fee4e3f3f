import type { Result } from '../../common/result'
import type { DockerFailure, DockerPort } from '../engine/docker/docker-port'
import type { TokenStore } from '../engine/secrets/token-store-port'
import type { SettingsStore } from '../engine/settings/settings-store'

/** The real adapters a command needs, built once by the entry point (tests pass their own). */
export interface CliServices {
  readonly tokens: TokenStore
  readonly configDir: string
  readonly settings: SettingsStore
  /** This installation's id, created and saved on first use; also reports a corrupt settings file. */
  installation(): Promise<Result<{ id: string; warning: string | null }, string>>
  /** The Docker daemon chosen by DOCKER_HOST or the active docker context. */
  docker(): Promise<Result<{ port: DockerPort; description: string }, DockerFailure>>
}

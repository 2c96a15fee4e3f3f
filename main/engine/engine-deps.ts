import type { AppState, EngineApi, EventName, EventPayload } from '../../common/contract'
import type { Clock } from '../../common/clock'
import type { Emitter } from '../../common/emitter'
import type { Result } from '../../common/result'
import type { ChooseFolder } from './arc/saved-arc-export'
import type { PendingRegistrations } from './cleanup/pending-registrations'
import type { DockerConnection } from './docker/docker-connection'
import type { DockerFailure, DockerPort } from './docker/docker-port'
import type { PoolTiming } from './pool/pool-config'
import type { TokenStore } from './secrets/token-store-port'
import type { SettingsStore } from './settings/settings-store'

/**
 * The real adapters every front end runs the engine on (the CLI, the headless host, Electron),
 * assembled in one place (`main/services/real-services.ts`); tests pass their own.
 */
export interface EngineServices {
  readonly tokens: TokenStore
  readonly settings: SettingsStore
  readonly configDir: string
  /**
   * The Docker daemon chosen by DOCKER_HOST or the active docker context; `connection` (how it is
   * reached) is there for checks that run their own containers, such as doctor's network probe.
   */
  docker(): Promise<
    Result<{ port: DockerPort; description: string; connection?: DockerConnection }, DockerFailure>
  >
  /** Registrations a stop could not delete, kept in the config folder. */
  readonly pending: PendingRegistrations
  readonly clock: Clock
  /**
   * Runs the engine's stop-now if the process crashes (`main/services/crash-guard.ts`); absent in
   * tests, whose runner cleans up itself.
   */
  readonly crashGuard?: { protect(cleanup: () => Promise<unknown>): { dispose(): void } }
}

/** What the engine is built from: the services plus what the host adds. */
export interface EngineDeps extends EngineServices {
  readonly host: AppState['host']
  readonly version: string
  /** Opens a URL in the system browser; absent in headless mode (the browser opens it itself). */
  readonly openExternal?: (url: string) => Promise<void>
  /** Opens the log viewer window; absent in headless mode (the page shows `#logs` itself). */
  readonly openLogs?: (runner: string | null) => void
  /** A native folder picker for saving exports; absent in headless mode (the page downloads). */
  readonly chooseFolder?: ChooseFolder
  /** Test and bench knobs merged into every pool's timing. */
  readonly poolTuning?: Partial<PoolTiming>
}

/** The engine as hosts serve it: the contract plus its events. */
export type HostedEngine = EngineApi & Pick<Emitter<{ [E in EventName]: EventPayload<E> }>, 'on'>

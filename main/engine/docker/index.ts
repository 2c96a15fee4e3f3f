// The Docker adapter's public face: resolve where the daemon is, then build the port over it.
/** Builds the DockerPort over dockerode. */
export {
  createDockerPort,
  DEFAULT_CALL_TIMEOUT_MS,
  type DockerPortOptions,
} from './create-docker-port'
/** Finds the daemon the way the docker CLI does. */
export { resolveDockerConnection, type DockerConnection } from './docker-connection'
/** The port the engine depends on. */
export type * from './docker-port'

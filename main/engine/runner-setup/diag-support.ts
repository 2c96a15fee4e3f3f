import type { DockerConnection } from '../docker/docker-connection'

/**
 * Why a job's step output cannot be shown with this daemon, or null when it can. The runner writes
 * it into page files in its `_diag` folder; RunnerDock mounts a folder of this machine there and
 * reads it, which needs a daemon that sees this machine's files: one on this kernel, or in a VM
 * that shares the home folder (Docker Desktop, Colima, OrbStack, Rancher Desktop, Podman machine
 * all do by default), or Docker Desktop on Windows through its pipe. A daemon across the network
 * mounts its own machine's folder instead.
 */
export function stepOutputUnavailable(connection: DockerConnection): string | null {
  if (connection.socketPath !== null) return null
  if (connection.endpoint.startsWith('npipe://')) return null
  const host = /^tcp:\/\/([^:/]+|\[[^\]]+\])/.exec(connection.endpoint)?.[1] ?? ''
  if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(host)) return null
  return `Step output is not shown: the Docker daemon at ${connection.endpoint} runs on another machine, where the runners' folders are not this machine's, so RunnerDock cannot read the page files the runner writes a job's output to. Runner logs show the runner's own lines only; each job's output is on GitHub.`
}

// The machine a run measured, for the report: figures mean little without it.
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import Dockerode from 'dockerode'
import type { BenchResult } from './report'
import { round } from './stats'

/** CPU model, cores, memory, kernel, Node and the Docker engine's version. */
export async function describeMachine(docker: Dockerode): Promise<BenchResult['machine']> {
  const version = await docker
    .version()
    .catch(() => ({ Version: 'unknown', ApiVersion: 'unknown' }))
  // /proc/cpuinfo names the model in full where os.cpus() may shorten it.
  const cpuinfo = await fsp.readFile('/proc/cpuinfo', 'utf8').catch(() => '')
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim()
  return {
    cpu: model ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    docker: version.Version,
    dockerApi: version.ApiVersion,
  }
}

// The log baseline: Docker's own log stream, read with no engine in between, for the same output.
import Dockerode from 'dockerode'
import { DockerLogDecoder } from '../main/engine/docker/docker-log-decoder'
import { BENCH_LABEL, removeLabelled, type BenchGuard } from './bench-guard'

/**
 * Lines per second Docker alone delivers: a container of `image` prints `lines` numbered lines,
 * followed live (`logs?follow&timestamps`, as the engine reads them) and split into lines.
 */
export async function dockerLogLinesPerSecond(
  docker: Dockerode,
  guard: BenchGuard,
  image: string,
  lines: number,
): Promise<number> {
  guard.check()
  const container = await guard.track(
    docker.createContainer({
      Image: image,
      // A moment's pause, so the follow is attached before the first line as it is for a job.
      Cmd: ['sh', '-c', `sleep 0.5; seq 1 ${lines}`],
      Labels: { [BENCH_LABEL]: '1' },
      HostConfig: { NetworkMode: 'host' },
    }),
  )
  try {
    await guard.track(container.start())
    const stream = (await container.logs({
      follow: true,
      stdout: true,
      stderr: true,
      timestamps: true,
    })) as unknown as NodeJS.ReadableStream & { destroy(): void }
    let received = 0
    let first = 0
    let last = 0
    const decoder = new DockerLogDecoder(() => {
      if (++received === 1) first = performance.now()
      last = performance.now()
    })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        stream.destroy()
        reject(new Error('Docker did not deliver the log within 120 s'))
      }, 120_000)
      stream.on('data', (chunk: Buffer) => decoder.push(chunk))
      stream.on('end', () => {
        clearTimeout(timer)
        resolve()
      })
      stream.on('error', reject)
    })
    decoder.end()
    return received / Math.max(1e-3, (last - first) / 1000)
  } finally {
    await removeLabelled(docker, [BENCH_LABEL])
  }
}

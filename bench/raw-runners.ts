// The baselines the engine is measured against: runners registered and started by hand, one after
// another (as serial setups do), and the limit (every container started at once).
import { randomBytes } from 'node:crypto'
import Dockerode from 'dockerode'
import { BENCH_LABEL, removeLabelled, type BenchGuard } from './bench-guard'

/** Where raw runners register and what they run. */
export interface RawRig {
  readonly docker: Dockerode
  readonly guard: BenchGuard
  readonly apiUrl: string
  readonly token: string
  readonly owner: string
  readonly repo: string
  readonly image: string
}

/** How long one raw runner took: `create` the create call, `total` create until it listens. */
export interface RawStart {
  readonly createMs: number
  readonly totalMs: number
}

/** One `generate-jitconfig` call over HTTP, as GitHub documents it. */
export async function mintJitConfig(rig: RawRig): Promise<string> {
  const name = `bench-${randomBytes(4).toString('hex')}`
  const response = await fetch(
    `${rig.apiUrl}/repos/${rig.owner}/${rig.repo}/actions/runners/generate-jitconfig`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${rig.token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name, runner_group_id: 1, labels: ['self-hosted', 'bench'] }),
    },
  )
  if (response.status !== 201) throw new Error(`generate-jitconfig answered ${response.status}`)
  return ((await response.json()) as { encoded_jit_config: string }).encoded_jit_config
}

/** Creates and starts a runner container, resolving once it prints "Listening for Jobs". */
export async function startRawRunner(rig: RawRig, jitConfig: string): Promise<RawStart> {
  rig.guard.check()
  const began = performance.now()
  const container = await rig.guard.track(
    rig.docker.createContainer({
      Image: rig.image,
      Cmd: ['/home/runner/run.sh'],
      Env: [`ACTIONS_RUNNER_INPUT_JITCONFIG=${jitConfig}`],
      Labels: { [BENCH_LABEL]: '1' },
      HostConfig: { NetworkMode: 'host' },
    }),
  )
  const createMs = performance.now() - began
  rig.guard.check()
  // Attached before start, so not one line is missed.
  const stream = (await container.attach({
    stream: true,
    stdout: true,
    stderr: true,
  })) as unknown as NodeJS.ReadableStream & { destroy(): void }
  const listening = new Promise<void>((resolve, reject) => {
    let seen = ''
    const done = (error?: Error) => {
      clearTimeout(timer)
      rig.guard.signal.removeEventListener('abort', aborted)
      stream.destroy()
      if (error) reject(error)
      else resolve()
    }
    const aborted = () => done(new Error('The bench is stopping.'))
    const timer = setTimeout(
      () => done(new Error('A raw runner did not listen within 30 s')),
      30_000,
    )
    rig.guard.signal.addEventListener('abort', aborted)
    stream.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString('latin1')).slice(-4096)
      if (seen.includes('Listening for Jobs')) done()
    })
  })
  listening.catch(() => {}) // awaited below; an abort during start must not go unhandled
  await rig.guard.track(container.start())
  await listening
  return { createMs, totalMs: performance.now() - began }
}

/** Serial setups: register over HTTP, create + start, wait until listening; then the next one. */
export async function sequentialSeconds(rig: RawRig, n: number): Promise<number> {
  const started = performance.now()
  for (let i = 0; i < n; i++) await startRawRunner(rig, await mintJitConfig(rig))
  return (performance.now() - started) / 1000
}

/**
 * The machine's limit: one round of API calls (all at once, so one round trip), then every
 * container created and started at once with the Docker API.
 */
export async function limitSeconds(rig: RawRig, n: number): Promise<number> {
  const started = performance.now()
  const configs = await Promise.all(Array.from({ length: n }, () => mintJitConfig(rig)))
  await Promise.all(configs.map((config) => startRawRunner(rig, config)))
  return (performance.now() - started) / 1000
}

/** Force-removes every container the baselines made. */
export async function removeRawRunners(docker: Dockerode): Promise<void> {
  await removeLabelled(docker, [BENCH_LABEL])
}

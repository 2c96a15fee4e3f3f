// The baselines the engine is measured against: runners registered and started by hand, one after
// another (as serial setups do), and the limit (every container started at once).
import { randomBytes } from 'node:crypto'
import Dockerode from 'dockerode'

/** Marks containers the baselines create, so cleanup finds every one. */
export const BENCH_LABEL = 'dev.runnerdock.bench'

/** Where raw runners register and what they run. */
export interface RawRig {
  readonly docker: Dockerode
  readonly apiUrl: string
  readonly token: string
  readonly owner: string
  readonly repo: string
  readonly image: string
}

/** One `generate-jitconfig` call, as GitHub documents it. */
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
export async function startRawRunner(rig: RawRig, jitConfig: string): Promise<void> {
  const container = await rig.docker.createContainer({
    Image: rig.image,
    Cmd: ['/home/runner/run.sh'],
    Env: [`ACTIONS_RUNNER_INPUT_JITCONFIG=${jitConfig}`],
    Labels: { [BENCH_LABEL]: '1' },
    HostConfig: { NetworkMode: 'host' },
  })
  const stream = (await container.attach({
    stream: true,
    stdout: true,
    stderr: true,
  })) as NodeJS.ReadableStream
  const listening = new Promise<void>((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(
      () => reject(new Error('A raw runner did not listen within 30 s')),
      30_000,
    )
    stream.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString('latin1')).slice(-4096)
      if (!seen.includes('Listening for Jobs')) return
      clearTimeout(timer)
      stream.removeAllListeners('data')
      resolve()
    })
  })
  await container.start()
  await listening
}

/** Serial setups: register, start, wait until listening; then the next one. */
export async function sequentialSeconds(rig: RawRig, n: number): Promise<number> {
  const started = performance.now()
  for (let i = 0; i < n; i++) await startRawRunner(rig, await mintJitConfig(rig))
  return (performance.now() - started) / 1000
}

/** The machine's limit: one round of parallel API calls, then every container at once. */
export async function limitSeconds(rig: RawRig, n: number): Promise<number> {
  const started = performance.now()
  const configs = await Promise.all(Array.from({ length: n }, () => mintJitConfig(rig)))
  await Promise.all(configs.map((config) => startRawRunner(rig, config)))
  return (performance.now() - started) / 1000
}

/** Force-removes every container the baselines made. */
export async function removeRawRunners(docker: Dockerode): Promise<void> {
  const left = await docker.listContainers({ all: true, filters: { label: [BENCH_LABEL] } })
  await Promise.all(
    left.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {}),
    ),
  )
}

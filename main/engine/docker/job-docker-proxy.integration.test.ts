// Docker for jobs on the real engine: a runner container (uid 1001, started by the real adapter
// with its work folder at the same path, its _diag and its own proxy socket) runs a job script
// that uses the docker CLI through the proxy. What the job starts sees the workspace's files,
// carries the runner's label, goes with cleanupJobResources; what would leave the job's bounds is
// refused with 403.
import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDockerCliImage } from '../../../e2e/support/docker-cli-image'
import { BUSYBOX_BASE_IMAGE } from '../../../e2e/support/docker-test-image'
import { createDockerPort } from './create-docker-port'
import { resolveDockerConnection, type DockerConnection } from './docker-connection'
import { JOB_LABELS } from './job-docker-policy'
import { startJobDockerProxy, type JobDockerProxy } from './job-docker-proxy'
import {
  createRunnerFolders,
  removeRunnerFolders,
  runnerFolderMounts,
  runnerFolders,
  type RunnerFolders,
} from './job-folders'
import { cleanupJobResources, cleanupOrphanedJobResources, jobDockerDaemon } from './job-resources'

const id = randomBytes(3).toString('hex')
const installationId = `t${id}x`
const runnerName = `rd-${installationId}-0001`
const RUNNER_LABEL = 'dev.runnerdock.runner'
const TEST_LABEL = { 'dev.runnerdock.test': 'job-docker-proxy' }
const docker = new Dockerode()
let connection: DockerConnection
let cliImage: string
let base: string
let folders: RunnerFolders
let proxy: JobDockerProxy
let other: Dockerode.Container
const refusals: string[] = []
let runnerId: string | null = null

// The job: what a workflow's steps and the runner would ask of Docker, each result in a file.
const script = (otherName: string) => `
cd "$RUNNER_WORKDIR" || exit 9
cat /proc/1/cgroup > cgroup.txt
id -u > uid.txt
echo "hello from the workspace" > hello.txt
docker run --name job-${id}-c1 -v "$RUNNER_WORKDIR/hello.txt:/data/hello.txt:ro" ${BUSYBOX_BASE_IMAGE} cat /data/hello.txt > run.txt 2>&1; echo "exit $?" >> run.txt
docker run --rm --privileged ${BUSYBOX_BASE_IMAGE} true > privileged.txt 2>&1; echo "exit $?" >> privileged.txt
docker run --rm -v /etc:/host-etc ${BUSYBOX_BASE_IMAGE} true > etc.txt 2>&1; echo "exit $?" >> etc.txt
ln -s /etc "$RUNNER_WORKDIR/escape"
docker run --rm -v "$RUNNER_WORKDIR/escape:/x" ${BUSYBOX_BASE_IMAGE} true > symlink.txt 2>&1; echo "exit $?" >> symlink.txt
docker network create job-${id}-net > network.txt 2>&1; echo "exit $?" >> network.txt
docker volume create job-${id}-vol > volume.txt 2>&1; echo "exit $?" >> volume.txt
docker run -d --name job-${id}-c2 --network job-${id}-net -v job-${id}-vol:/v ${BUSYBOX_BASE_IMAGE} sleep 300 > detached.txt 2>&1
docker exec job-${id}-c2 sh -c 'echo exec-ok; touch /v/made' > exec.txt 2>&1; echo "exit $?" >> exec.txt
docker run -d --name job-${id}-c3 ${BUSYBOX_BASE_IMAGE} sh -c 'echo one; sleep 1; echo two' > /dev/null 2>&1
docker logs -f job-${id}-c3 > logs.txt 2>&1; echo "exit $?" >> logs.txt
docker run --rm -v /var/run/docker.sock:/var/run/docker.sock ${cliImageRef()} docker run --rm --privileged ${BUSYBOX_BASE_IMAGE} true > nested.txt 2>&1; echo "exit $?" >> nested.txt
docker inspect ${otherName} > other.txt 2>&1; echo "exit $?" >> other.txt
docker rm -f ${otherName} >> other.txt 2>&1; echo "exit $?" >> other.txt
docker run --rm --pid=host ${BUSYBOX_BASE_IMAGE} true > pid.txt 2>&1; echo "exit $?" >> pid.txt
echo done > done.txt
`
const cliImageRef = () => cliImage

beforeAll(async () => {
  const resolved = await resolveDockerConnection(process.env)
  if (!resolved.ok) throw new Error(resolved.error.message)
  connection = resolved.value
  cliImage = await buildDockerCliImage(docker)
  base = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-jobs-'))
  const laid = runnerFolders(base, runnerName)
  if (!laid.ok) throw new Error(laid.error)
  const made = await createRunnerFolders(laid.value)
  if (!made.ok) throw new Error(made.error)
  folders = made.value
  const started = await startJobDockerProxy({
    socketPath: folders.socket,
    connection,
    bounds: {
      runnerName,
      installationId,
      workFolder: folders.work,
      translations: [{ from: '/var/run/docker.sock', to: folders.socket }],
      selfLabels: { [RUNNER_LABEL]: runnerName },
    },
    onRefusal: (message) => refusals.push(message),
  })
  if (!started.ok) throw new Error(started.error)
  proxy = started.value
  other = await docker.createContainer({
    Image: BUSYBOX_BASE_IMAGE,
    Cmd: ['sleep', '300'],
    name: `rd-${installationId}-other`,
    Labels: { ...TEST_LABEL, [RUNNER_LABEL]: `rd-${installationId}-0002` },
  })
  await other.start()
}, 180_000)

afterAll(async () => {
  for (const c of await docker.listContainers({
    all: true,
    filters: { label: [`${JOB_LABELS.jobOf}=${runnerName}`] },
  }))
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => {})
  if (runnerId)
    await docker
      .getContainer(runnerId)
      .remove({ force: true })
      .catch(() => {})
  await other?.remove({ force: true }).catch(() => {})
  await proxy?.close()
  if (base) await fsp.rm(base, { recursive: true, force: true })
})

const read = (name: string) => fsp.readFile(path.join(folders.work, name), 'utf8')

describe('a job using Docker through its runner proxy', () => {
  it('runs, is bounded, and leaves nothing once cleaned up', async () => {
    const port = createDockerPort({ connection, callTimeoutMs: 15_000 })
    const started = await port.runRunner({
      name: runnerName,
      image: cliImage,
      jitConfig: script(`rd-${installationId}-other`),
      labels: { ...TEST_LABEL, [RUNNER_LABEL]: runnerName },
      cpus: null,
      memoryMb: null,
      networkMode: null,
      dockerSocket: true,
      privateCgroupns: true,
      ...runnerFolderMounts(folders),
    })
    if (!started.ok) throw new Error(started.error.message)
    runnerId = started.value.id
    const exit = await docker.getContainer(runnerId).wait()
    expect(exit.StatusCode).toBe(0)
    expect(await read('done.txt')).toBe('done\n')

    // The runner: uid 1001, its work folder writable and at the same path, no /docker/ cgroup.
    expect(await read('uid.txt')).toBe('1001\n')
    expect(await read('cgroup.txt')).not.toMatch(/:\/docker\//)
    expect(await fsp.readFile(path.join(folders.work, 'hello.txt'), 'utf8')).toBe(
      'hello from the workspace\n',
    )

    // A container it starts sees a file of the workspace through a bind (attach streams the output).
    expect(await read('run.txt')).toBe('hello from the workspace\nexit 0\n')
    const c1 = await docker.getContainer(`job-${id}-c1`).inspect()
    expect(c1.Config.Labels).toMatchObject({
      [JOB_LABELS.jobOf]: runnerName,
      [JOB_LABELS.installation]: installationId,
    })
    expect(await read('exec.txt')).toBe('exec-ok\nexit 0\n')
    expect(await read('logs.txt')).toBe('one\ntwo\nexit 0\n')
    expect(await read('network.txt')).toMatch(/exit 0/)
    expect(await read('volume.txt')).toMatch(/exit 0/)
    const net = await docker.getNetwork(`job-${id}-net`).inspect()
    expect(net.Labels).toMatchObject({ [JOB_LABELS.jobOf]: runnerName })
    const vol = await docker.getVolume(`job-${id}-vol`).inspect()
    expect(vol.Labels).toMatchObject({ [JOB_LABELS.jobOf]: runnerName })

    // What leaves the job's bounds is refused with 403 and a message saying what to change.
    for (const [file, why] of [
      ['privileged.txt', /privileged containers control the host/],
      ['etc.txt', /mounts \/etc from the host, which is outside the job's work folder/],
      ['symlink.txt', /leads to \/etc outside the job's work folder/],
      ['nested.txt', /privileged containers control the host/],
      ['pid.txt', /--pid=host/],
    ] as const) {
      const text = await read(file)
      expect(text, file).toMatch(/RunnerDock refused this Docker request from a job/)
      expect(text, file).toMatch(why)
      expect(text, file).not.toMatch(/exit 0\n$/)
    }
    const otherText = await read('other.txt')
    expect(otherText).toMatch(/was not created by this job/)
    expect(otherText).not.toMatch(/exit 0/)
    expect((await other.inspect()).State.Running).toBe(true)
    expect(refusals.length).toBeGreaterThanOrEqual(7)

    // Everything the job made goes with the runner, containers first.
    const daemon = jobDockerDaemon(connection)
    const cleaned = await cleanupJobResources(daemon, runnerName)
    expect(cleaned).toEqual({
      ok: true,
      value: { removed: { containers: 3, networks: 1, volumes: 1 }, left: [] },
    })
    const label = [`${JOB_LABELS.jobOf}=${runnerName}`]
    expect(await docker.listContainers({ all: true, filters: { label } })).toEqual([])
    expect(await docker.listNetworks({ filters: { label } })).toEqual([])
    expect((await docker.listVolumes({ filters: { label } })).Volumes ?? []).toEqual([])
    expect(await cleanupOrphanedJobResources(daemon, installationId, new Set())).toEqual({
      ok: true,
      value: { removed: { containers: 0, networks: 0, volumes: 0 }, left: [] },
    })

    await docker.getContainer(runnerId).remove({ force: true })
    runnerId = null
    await proxy.close()
    expect(await removeRunnerFolders(folders)).toEqual({ ok: true, value: undefined })
  }, 180_000)
})

// Docker for jobs end to end, on whichever engine `connection` reaches (Docker Engine, Podman): a
// runner container (uid 1001, started by the real adapter with prepareJobDocker's folders and proxy)
// runs a job script that uses the docker CLI. What the job starts sees the workspace's files,
// carries the runner's label and goes with release(); what would leave the job's bounds is refused
// with 403 and a message saying what to change.
import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Dockerode from 'dockerode'
import { expect } from 'vitest'
import { createDockerPort } from '../../main/engine/docker/create-docker-port'
import type { DockerConnection } from '../../main/engine/docker/docker-connection'
import { JOB_LABELS } from '../../main/engine/docker/job-docker-policy'
import {
  externalsVolumeName,
  localImageId,
  prepareJobDocker,
  releaseOrphanedJobDocker,
} from '../../main/engine/docker/job-docker'
import { jobDockerDaemon } from '../../main/engine/docker/job-resources'
import { helperLabels } from '../../main/engine/pool/runner-labels'
import { buildDockerCliImage } from './docker-cli-image'
import { BUSYBOX_BASE_IMAGE } from './docker-test-image'

const RUNNER_LABEL = 'dev.runnerdock.runner'
const TEST_LABEL = { 'dev.runnerdock.test': 'job-docker' }

// The job: what a workflow's steps and the runner ask of Docker, each result in a file.
function jobScript(id: string, cliImage: string, otherName: string): string {
  const image = BUSYBOX_BASE_IMAGE
  return `
cd "$RUNNER_WORKDIR" || exit 9
cat /proc/1/cgroup > cgroup.txt
id -u > uid.txt
echo "hello from the workspace" > hello.txt
docker run --name job-${id}-c1 -v "$RUNNER_WORKDIR/hello.txt:/data/hello.txt:ro" ${image} cat /data/hello.txt > run.txt 2>&1; echo "exit $?" >> run.txt
docker run --rm --privileged ${image} true > privileged.txt 2>&1; echo "exit $?" >> privileged.txt
docker run --rm -v /etc:/host-etc ${image} true > etc.txt 2>&1; echo "exit $?" >> etc.txt
ln -s /etc "$RUNNER_WORKDIR/escape"
docker run --rm -v "$RUNNER_WORKDIR/escape:/x" ${image} true > symlink.txt 2>&1; echo "exit $?" >> symlink.txt
docker network create job-${id}-net > network.txt 2>&1; echo "exit $?" >> network.txt
docker volume create job-${id}-vol > volume.txt 2>&1; echo "exit $?" >> volume.txt
docker run -d --name job-${id}-c2 --network job-${id}-net -v job-${id}-vol:/v ${image} sleep 300 > detached.txt 2>&1
docker exec job-${id}-c2 sh -c 'echo exec-ok; touch /v/made' > exec.txt 2>&1; echo "exit $?" >> exec.txt
docker run -d --name job-${id}-c3 ${image} sh -c 'echo one; sleep 1; echo two' > /dev/null 2>&1
docker logs -f job-${id}-c3 > logs.txt 2>&1; echo "exit $?" >> logs.txt
docker run --rm -v /var/run/docker.sock:/var/run/docker.sock ${cliImage} docker run --rm --privileged ${image} true > nested.txt 2>&1; echo "exit $?" >> nested.txt
docker inspect ${otherName} > other.txt 2>&1; echo "exit $?" >> other.txt
docker rm -f ${otherName} >> other.txt 2>&1; echo "exit $?" >> other.txt
docker run --rm --pid=host ${image} true > pid.txt 2>&1; echo "exit $?" >> pid.txt
docker run --rm -v /home/runner/externals:/__e:ro ${image} cat /__e/marker > externals.txt 2>&1
echo done > done.txt
`
}

/**
 * Runs the scenario on the engine behind `docker`/`connection` and checks every outcome; removes
 * whatever it made, also when a check fails. Returns how long the job took, for the figures.
 */
export async function runJobDockerScenario(
  docker: Dockerode,
  connection: DockerConnection,
): Promise<{ jobMs: number }> {
  const id = randomBytes(3).toString('hex')
  const installationId = `t${id}x`
  const runnerName = `rd-${installationId}-0001`
  const otherName = `rd-${installationId}-other`
  const cliImage = await buildDockerCliImage(docker)
  const base = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-jobs-'))
  const daemon = jobDockerDaemon(connection)
  const refusals: string[] = []
  const imageId = await localImageId(daemon, cliImage)
  if (!imageId.ok) throw new Error(imageId.error.message)
  const externalsVolume = externalsVolumeName(imageId.value)
  const setup = await prepareJobDocker({
    externalsVolume,
    base,
    runnerName,
    installationId,
    connection,
    daemon,
    runnerImage: cliImage,
    selfLabels: { [RUNNER_LABEL]: runnerName },
    helperLabels: helperLabels(installationId, 'folder-cleanup'),
    onRefusal: (message) => refusals.push(message),
  })
  if (!setup.ok) throw new Error(setup.error)
  const job = setup.value
  const other = await docker.createContainer({
    Image: BUSYBOX_BASE_IMAGE,
    Cmd: ['sleep', '300'],
    name: otherName,
    Labels: { ...TEST_LABEL, [RUNNER_LABEL]: `rd-${installationId}-0002` },
  })
  await other.start()
  let runnerId: string | null = null
  try {
    const port = createDockerPort({ connection, callTimeoutMs: 15_000 })
    const startedAt = Date.now()
    const started = await port.runRunner({
      name: runnerName,
      image: cliImage,
      jitConfig: jobScript(id, cliImage, otherName),
      labels: { ...TEST_LABEL, [RUNNER_LABEL]: runnerName },
      cpus: null,
      memoryMb: null,
      networkMode: null,
      ...job.spec,
    })
    if (!started.ok) throw new Error(started.error.message)
    runnerId = started.value.id
    expect((await docker.getContainer(runnerId).wait()).StatusCode).toBe(0)
    const jobMs = Date.now() - startedAt
    const read = (name: string) => fsp.readFile(path.join(job.workFolder, name), 'utf8')
    expect(await read('done.txt')).toBe('done\n')

    // The runner: uid 1001, its work folder writable at the same path, no /docker/ cgroup.
    expect(await read('uid.txt')).toBe('1001\n')
    expect(await read('cgroup.txt')).not.toMatch(/:\/docker\//)

    // A container it starts sees a workspace file through a bind (attach streams the output).
    expect(await read('run.txt')).toBe('hello from the workspace\nexit 0\n')
    expect((await docker.getContainer(`job-${id}-c1`).inspect()).Config.Labels).toMatchObject({
      [JOB_LABELS.jobOf]: runnerName,
      [JOB_LABELS.installation]: installationId,
    })
    expect(await read('exec.txt')).toBe('exec-ok\nexit 0\n')
    expect(await read('logs.txt')).toBe('one\ntwo\nexit 0\n')
    // The runner's externals reach a job container at /__e, from the volume the image filled.
    expect(await read('externals.txt')).toBe('node20\n')
    expect(await read('network.txt')).toMatch(/exit 0/)
    expect(await read('volume.txt')).toMatch(/exit 0/)
    expect((await docker.getNetwork(`job-${id}-net`).inspect()).Labels).toMatchObject({
      [JOB_LABELS.jobOf]: runnerName,
    })
    expect((await docker.getVolume(`job-${id}-vol`).inspect()).Labels).toMatchObject({
      [JOB_LABELS.jobOf]: runnerName,
    })

    // What leaves the job's bounds is refused, saying what to change.
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
      // Podman 4.3 reports exit 0 for any `docker run --rm` (the outer run of nested.txt).
      if (file !== 'nested.txt') expect(text, file).not.toMatch(/exit 0\n$/)
    }
    const otherText = await read('other.txt')
    expect(otherText).toMatch(/was not created by this job/)
    expect(otherText).not.toMatch(/exit 0/)
    expect((await other.inspect()).State.Running).toBe(true)
    expect(refusals.length).toBeGreaterThanOrEqual(7)

    // Everything the job made goes with the runner; then nothing is left for a sweep.
    await docker.getContainer(runnerId).remove({ force: true })
    runnerId = null
    expect(await job.release()).toEqual({
      ok: true,
      value: { removed: { containers: 3, networks: 1, volumes: 1 }, left: [] },
    })
    const label = [`${JOB_LABELS.jobOf}=${runnerName}`]
    expect(await docker.listContainers({ all: true, filters: { label } })).toEqual([])
    expect(await docker.listNetworks({ filters: { label } })).toEqual([])
    expect((await docker.listVolumes({ filters: { label } })).Volumes ?? []).toEqual([])
    await expect(fsp.stat(job.folders.root)).rejects.toThrow(/ENOENT/)
    expect(await releaseOrphanedJobDocker({ installationId, live: new Set(), daemon })).toEqual({
      ok: true,
      value: { removed: { containers: 0, networks: 0, volumes: 0 }, left: [] },
    })
    return { jobMs }
  } finally {
    if (runnerId)
      await docker
        .getContainer(runnerId)
        .remove({ force: true })
        .catch(() => {})
    await other.remove({ force: true }).catch(() => {})
    await job.release()
    await fsp.rm(base, { recursive: true, force: true })
    // Shared by the runners of one image; a test leaves none behind.
    await docker
      .getVolume(externalsVolume)
      .remove()
      .catch(() => {})
  }
}

// A test image with a Docker client, built offline: busybox plus the host's `docker` binary and
// the shared libraries `ldd` says it needs (Debian's docker.io CLI links only against glibc). Its
// run.sh runs the "JIT config" as a shell script, so a test can play a runner whose job uses
// Docker, started exactly as RunnerDock starts runners (uid 1001, /home/runner/run.sh).
import { execFileSync } from 'node:child_process'
import { existsSync, promises as fsp } from 'node:fs'
import type Dockerode from 'dockerode'
import { BUSYBOX_BASE_IMAGE, buildImage, ensureBusyboxTestImages } from './docker-test-image'

/** The tag of the Docker-client test image. */
export const DOCKER_CLI_IMAGE = 'runnerdock-test/docker-cli:latest'

const RUN_SH = '#!/bin/sh\nexec /bin/sh -c "$ACTIONS_RUNNER_INPUT_JITCONFIG"\n'

/** The docker CLI to copy: Debian's (what provisioning installs), else the first on PATH. */
export function dockerCliPath(): string {
  if (existsSync('/usr/bin/docker')) return '/usr/bin/docker'
  return execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim()
}

/** The libraries a binary loads, as absolute paths (none for a static binary). */
export function sharedLibraries(binary: string): string[] {
  let out: string
  try {
    out = execFileSync('ldd', [binary], { encoding: 'utf8' })
  } catch {
    return [] // "not a dynamic executable" exits non-zero
  }
  return out
    .split('\n')
    .map((line) => /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line)?.[1])
    .filter((p): p is string => p !== undefined)
}

/** Builds (or finds up to date) the Docker-client image and returns its tag. */
export async function buildDockerCliImage(docker: Dockerode): Promise<string> {
  await ensureBusyboxTestImages(docker)
  const cli = dockerCliPath()
  const libs = sharedLibraries(cli)
  const files: Record<string, string | Buffer> = {
    docker: await fsp.readFile(cli),
    'run.sh': RUN_SH,
  }
  for (const [i, lib] of libs.entries()) files[`lib${i}`] = await fsp.readFile(lib)
  const copies = libs.map((lib, i) => `COPY lib${i} ${lib}`)
  files.Dockerfile = [
    `FROM ${BUSYBOX_BASE_IMAGE}`,
    'COPY docker /usr/bin/docker',
    ...copies,
    'COPY run.sh /home/runner/run.sh',
    // Like the official image: the runner's externals (node, for JavaScript actions) in its folder.
    'RUN ["/bin/busybox", "sh", "-c", "mkdir -p /tmp /home/runner/externals && chmod 1777 /tmp && echo node20 > /home/runner/externals/marker && chown -R 1001:1001 /home/runner"]',
    'ENV HOME=/home/runner PATH=/usr/bin:/bin',
    'WORKDIR /home/runner',
    'USER 1001:1001',
    '',
  ].join('\n')
  await buildImage(docker, DOCKER_CLI_IMAGE, files)
  return DOCKER_CLI_IMAGE
}

/** The tag of the stand-in runner with a Docker client. */
export const STANDIN_DOCKER_IMAGE = 'runnerdock-test/runner-standin-docker:latest'

/**
 * The stand-in runner (`runnerImage`, built by e2e/runner-image) plus the host's `docker` client:
 * a runner whose jobs can use Docker, as the official image's can.
 */
export async function buildStandinWithDockerCli(
  docker: Dockerode,
  runnerImage: string,
): Promise<string> {
  const cli = dockerCliPath()
  const libs = sharedLibraries(cli)
  const files: Record<string, string | Buffer> = { docker: await fsp.readFile(cli) }
  for (const [i, lib] of libs.entries()) files[`lib${i}`] = await fsp.readFile(lib)
  files.Dockerfile = [
    `FROM ${runnerImage}`,
    'COPY docker /usr/bin/docker',
    ...libs.map((lib, i) => `COPY lib${i} ${lib}`),
    '',
  ].join('\n')
  await buildImage(docker, STANDIN_DOCKER_IMAGE, files)
  return STANDIN_DOCKER_IMAGE
}

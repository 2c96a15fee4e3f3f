import { createHash } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Dockerode from 'dockerode'

/** Busybox alone (Debian's busybox-static): the smallest image that builds offline. */
export const BUSYBOX_BASE_IMAGE = 'runnerdock-test/busybox-base:latest'

/** Busybox plus a scripted /home/runner/run.sh (see RUN_SH): what the Docker adapter tests run. */
export const BUSYBOX_RUNNER_IMAGE = 'runnerdock-test/busybox:latest'

const HASH_LABEL = 'dev.runnerdock.test.image-hash'

/**
 * A stand-in for the runner's run.sh, driven by its JIT config "<exit code>:<sleep seconds>:<any>":
 * prints the config's length, coloured and \r\n lines on stdout, lines on stderr, one line longer
 * than Docker's 16 KiB log message limit, then sleeps (SIGTERM ends it with 143) and exits.
 */
export const RUN_SH = `#!/bin/sh
cfg="$ACTIONS_RUNNER_INPUT_JITCONFIG"
code="\${cfg%%:*}"
rest="\${cfg#*:}"
pause="\${rest%%:*}"
trap 'echo "got SIGTERM"; exit 143' TERM
echo "jitconfig length: \${#cfg}"
printf '\\033[32m\\342\\210\\232 Connected to GitHub\\033[0m\\n'
sleep 0.05
echo "stderr line 1" >&2
sleep 0.05
printf 'carriage return line\\r\\n'
sleep 0.05
head -c 20000 /dev/zero | tr '\\0' 'x'
echo
sleep 0.05
echo "stderr line 2" >&2
sleep 0.05
echo "sleeping $pause"
sleep "$pause" &
wait $!
echo "exiting $code"
exit "$code"
`

/** The lines RUN_SH prints for a config, in order, as the log follower should deliver them. */
export function runShLines(
  jitConfig: string,
): Array<{ stream: 'stdout' | 'stderr'; text: string }> {
  const [code, pause] = jitConfig.split(':')
  return [
    { stream: 'stdout', text: `jitconfig length: ${jitConfig.length}` },
    { stream: 'stdout', text: '\u001b[32m√ Connected to GitHub\u001b[0m' },
    { stream: 'stderr', text: 'stderr line 1' },
    { stream: 'stdout', text: 'carriage return line' },
    { stream: 'stdout', text: 'x'.repeat(20_000) },
    { stream: 'stderr', text: 'stderr line 2' },
    { stream: 'stdout', text: `sleeping ${pause}` },
    { stream: 'stdout', text: `exiting ${code}` },
  ]
}

/**
 * Builds both test images from /bin/busybox with the legacy builder (no registry, no --pull),
 * skipping a build whose inputs have not changed since the image was last built.
 */
export async function ensureBusyboxTestImages(
  docker: Dockerode,
  busybox = '/bin/busybox',
): Promise<void> {
  const binary = await fsp.readFile(busybox)
  await buildImage(docker, BUSYBOX_BASE_IMAGE, {
    Dockerfile:
      'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n',
    busybox: binary,
  })
  await buildImage(docker, BUSYBOX_RUNNER_IMAGE, {
    Dockerfile: `FROM ${BUSYBOX_BASE_IMAGE}\nCOPY run.sh /home/runner/run.sh\nRUN ["/bin/chmod", "755", "/home/runner/run.sh"]\n`,
    'run.sh': RUN_SH,
  })
}

/** Builds `tag` from `files` (a Dockerfile and its context) unless its inputs' hash label matches. */
export async function buildImage(
  docker: Dockerode,
  tag: string,
  files: Record<string, string | Buffer>,
): Promise<void> {
  const hash = createHash('sha256')
  for (const [name, content] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(name).update('\0').update(content).update('\0')
  }
  // A derived image must be rebuilt when its base was.
  const base = /^FROM (\S+)/m.exec(String(files.Dockerfile ?? ''))?.[1]
  if (base && base !== 'scratch') hash.update((await docker.getImage(base).inspect()).Id)
  const digest = hash.digest('hex')
  const existing = await docker
    .getImage(tag)
    .inspect()
    .catch(() => null)
  if (existing?.Config?.Labels?.[HASH_LABEL] === digest) return

  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-test-image-'))
  try {
    for (const [name, content] of Object.entries(files)) {
      // Executable, since tar keeps the mode: busybox and run.sh must run inside the image.
      await fsp.writeFile(path.join(dir, name), content, { mode: 0o755 })
    }
    const stream = await docker.buildImage(
      { context: dir, src: Object.keys(files) },
      { t: tag, labels: { [HASH_LABEL]: digest }, rm: true, forcerm: true },
    )
    const output = await new Promise<Array<Record<string, unknown>>>((resolve, reject) =>
      docker.modem.followProgress(stream, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    )
    const failed = output.find((message) => message.error !== undefined)
    if (failed) throw new Error(`building ${tag} failed: ${String(failed.error)}`)
  } finally {
    await fsp.rm(dir, { recursive: true, force: true })
  }
}

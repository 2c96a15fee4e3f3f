// The stand-in runner image: busybox plus run.sh, laid out like `ghcr.io/actions/actions-runner`
// (docs/github-facts.md) so RunnerDock starts it exactly as it starts the official one. Built offline
// (legacy builder, no registry, no --pull: docs/platform-notes.md), and only when its inputs change.
// `npm run runner-image` builds it and prints the tag.
import { promises as fsp } from 'node:fs'
import path from 'node:path'
import Dockerode from 'dockerode'
import { buildImage } from '../support/docker-test-image'

/** The tag RunnerDock's e2e suites run runners from. */
export const RUNNER_IMAGE = 'runnerdock/runner-standin:latest'

// CommonJS everywhere this runs (tsx, vitest, Playwright's loader): __dirname, not import.meta.
const HERE = __dirname

// actions/runner images/Dockerfile: user runner (uid 1001, primary group runner 1001, member of
// docker gid 123), WORKDIR /home/runner, no ENTRYPOINT or CMD, the two runner variables.
// busybox has no adduser, so /etc/passwd and /etc/group are written directly.
const DOCKERFILE = `FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY run.sh config.sh /home/runner/
RUN mkdir -p /etc /tmp /home/runner/_work \\
 && chmod 1777 /tmp \\
 && printf 'root:x:0:0:root:/root:/bin/sh\\nrunner:x:1001:1001:runner:/home/runner:/bin/sh\\n' > /etc/passwd \\
 && printf 'root:x:0:\\nsudo:x:27:runner\\ndocker:x:123:runner\\nrunner:x:1001:\\n' > /etc/group \\
 && chmod 755 /home/runner/run.sh /home/runner/config.sh \\
 && chown -R 1001:1001 /home/runner
ENV HOME=/home/runner RUNNER_MANUALLY_TRAP_SIG=1 ACTIONS_RUNNER_PRINT_LOG_TO_STDOUT=1
LABEL dev.runnerdock.image=runner-standin
WORKDIR /home/runner
USER runner
`

/**
 * Builds the stand-in runner image (skipped when its inputs are unchanged) and returns its tag.
 * `busybox` is a static busybox binary (Debian's busybox-static installs it as /bin/busybox).
 */
export async function buildRunnerImage(
  docker: Dockerode = new Dockerode(),
  busybox = '/bin/busybox',
): Promise<string> {
  const [binary, runSh, configSh] = await Promise.all([
    fsp.readFile(busybox),
    fsp.readFile(path.join(HERE, 'run.sh'), 'utf8'),
    fsp.readFile(path.join(HERE, 'config.sh'), 'utf8'),
  ])
  await buildImage(docker, RUNNER_IMAGE, {
    Dockerfile: DOCKERFILE,
    busybox: binary,
    'run.sh': runSh,
    'config.sh': configSh,
  })
  return RUNNER_IMAGE
}

// `tsx e2e/runner-image/build.ts`, not an import from a test.
const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename

if (invokedDirectly) {
  buildRunnerImage().then(
    (tag) => process.stdout.write(`${tag}\n`),
    (error: unknown) => {
      process.stderr.write(
        `Could not build the stand-in runner image: ${error instanceof Error ? error.message : String(error)}\n`,
      )
      process.exit(1)
    },
  )
}

// The smallest reproduction of a defect the docker-kill suite found: removing a container while
// Docker is not running was retried for 10 s as if the container were changing state (our own
// message "Docker is not running" read as Docker's "container is not running"), so a stop while
// Docker was away took ~10 s instead of ending at once. Fixed in isStateRace; this keeps it so.
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { systemClock } from '../../common/clock'
import { createDockerPort, resolveDockerConnection } from '../../main/engine/docker'
import { isStateRace } from '../../main/engine/docker/docker-errors'
import type { DockerFailure } from '../../main/engine/docker/docker-port'
import { removeContainerSurely } from '../../main/engine/pool/container-removal'
import {
  describeMachine,
  RESULTS_FORMAT,
  writeSuiteResults,
} from '../../scripts/reliability-results'

const ROOT = path.resolve(__dirname, '../..')
/** An unreachable daemon answers at once; one attempt, and a moment for it, is all it needs. */
const GIVE_UP_BOUND_MS = 1_000

it('gives up removing a container at once when Docker is not running', async () => {
  const started = Date.now()
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-no-docker-'))
  try {
    // A socket path nothing listens on: the engine sees "Docker is not running" (ENOENT).
    const connection = await resolveDockerConnection({
      DOCKER_HOST: `unix://${path.join(dir, 'docker.sock')}`,
    })
    if (!connection.ok) throw new Error(connection.error.message)
    const port = createDockerPort({ connection: connection.value, callTimeoutMs: 5000 })
    let calls = 0
    let failure: DockerFailure | null = null
    const counted = {
      ...port,
      remove: async (id: string) => {
        calls++
        const removed = await port.remove(id)
        if (!removed.ok) failure = removed.error
        return removed
      },
    }
    const asked = performance.now()
    const removed = await removeContainerSurely(counted, 'f'.repeat(64), systemClock)
    const ms = Math.round(performance.now() - asked)
    const seen = failure as DockerFailure | null
    const passed = !removed.ok && ms <= GIVE_UP_BOUND_MS && calls === 1
    await writeSuiteResults(ROOT, {
      format: RESULTS_FORMAT,
      suite: 'docker-down-removal',
      title: 'Removing a container while Docker is not running',
      order: 56,
      ranAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      command: 'npm run test:chaos -- docker-down-removal',
      machine: describeMachine(),
      passed,
      summary:
        "The engine's `removeContainerSurely` (every runner removal, the stop's included) through the real Docker adapter, against a socket nothing listens on. A daemon that is not there answers at once; the removal should fail at once too, so a stop while Docker is away ends and reports what it could not check.",
      figures: [
        { label: 'failure kind', value: seen?.kind ?? null },
        {
          label: 'counted as a state race (retried)',
          value: seen ? isStateRace(seen) : null,
          bound: 'no',
          ok: seen ? !isStateRace(seen) : null,
        },
        { label: 'removal attempts', value: calls, bound: '1', ok: calls === 1 },
        {
          label: 'time to give up',
          value: ms,
          unit: 'ms',
          bound: `≤ ${GIVE_UP_BOUND_MS} ms`,
          ok: ms <= GIVE_UP_BOUND_MS,
        },
      ],
      notes: [
        'The defect this guards: `isStateRace` (main/engine/docker/docker-errors.ts) used to match its pattern against the failure\'s user-facing `message` too, and the message of an unreachable daemon is "Docker is not running (could not reach …)", which matched `is not running` (meant for Docker\'s 409 "container … is not running"); `removeContainerSurely` then retried for 10 s. It now reads only Docker\'s own words, and never for a daemon that is away.',
        'Seen in the docker-kill suite: "stop now" with the daemon SIGKILLed took 9.6 s, every runner\'s removal retrying until the 10 s deadline, then "Could not remove its container: Docker is not running".',
      ],
    })
    expect(removed.ok).toBe(false)
    expect(seen?.kind).toBe('unreachable')
    expect(calls).toBe(1)
    expect(ms).toBeLessThanOrEqual(GIVE_UP_BOUND_MS)
  } finally {
    await fsp.rm(dir, { recursive: true, force: true })
  }
}, 60_000)

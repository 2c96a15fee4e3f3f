// The real Pool on Podman (docs/platform-notes.md): its own `podman system service` on a temp
// socket, the stand-in runner image built into Podman's storage, the GitHub API emulator. Ten
// fill-job-drain cycles in a row on one pool; after each, Podman holds no container of the
// installation, the emulator no registration, and the stop report is complete.
import Dockerode from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PoolSnapshot } from '../../common/pool-status'
import { LABELS } from '../../main/engine/pool/runner-labels'
import { startEmulator, type Emulator } from '../emulator'
import {
  createTestPool,
  idle,
  registeredRunners,
  TARGET,
  type PoolUnderTest,
} from '../integration/pool-harness'
import { buildRunnerImage } from '../runner-image/build'
import { podmanMissingReason, startPodmanService, type PodmanService } from './podman-service'

const CYCLES = 10
const missing = podmanMissingReason()
const busy = (s: PoolSnapshot) => s.runners.filter((r) => r.phase === 'busy')

describe.skipIf(missing !== null)(
  missing === null ? 'the pool on Podman' : `the pool on Podman — skipped: ${missing}`,
  () => {
    let podman: PodmanService
    let emulator: Emulator
    let image: string
    let t: PoolUnderTest | null = null

    beforeAll(async () => {
      podman = await startPodmanService()
      image = await buildRunnerImage(new Dockerode({ socketPath: podman.socketPath }))
      emulator = await startEmulator({ runnerOfflineAfterMs: 2000 })
    })

    afterAll(async () => {
      t?.pool.dispose()
      if (t && podman) {
        // A failed cycle must not leak into the next run: remove what the installation left.
        const ids = podman.cli([
          'ps',
          '-aq',
          '--filter',
          `label=${LABELS.installation}=${t.installationId}`,
        ])
        for (const id of ids.split('\n').filter(Boolean)) podman.cli(['rm', '-f', id])
      }
      await emulator?.close()
      await podman?.close()
    })

    it(`runs ${CYCLES} fill-job-drain cycles in a row and leaves nothing behind`, async () => {
      const pool = (t = await createTestPool({
        apiUrl: emulator.url,
        image,
        dockerHost: podman.dockerHost,
      }))
      const containersOfInstallation = () =>
        podman
          .cli([
            'ps',
            '-a',
            '--format',
            '{{.Names}}',
            '--filter',
            `label=${LABELS.installation}=${pool.installationId}`,
          ])
          .split('\n')
          .filter(Boolean)
      const figures: string[] = []
      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        const at = (what: string) => `cycle ${cycle}: ${what}`
        const started = Date.now()
        const warningsBefore = pool.notices.length
        await pool.start(3)
        await pool.until((s) => idle(s).length === 3, 60_000, at('three idle runners'))
        const filledMs = Date.now() - started

        const jobId = emulator.queueJob(TARGET, {
          name: `build-${cycle}`,
          labels: ['self-hosted', 'linux'],
          script: `echo "cycle ${cycle}"; sleep 1`,
        })
        const during = await pool.until((s) => busy(s).length === 1, 30_000, at('a busy runner'))
        const worker = busy(during)[0]!.name
        await pool.until(
          (s) => !s.runners.some((r) => r.name === worker) && idle(s).length === 3,
          60_000,
          at('the finished runner replaced'),
        )
        expect(emulator.job(jobId), at('the job')).toMatchObject({
          status: 'completed',
          result: 'Succeeded',
          runnerName: worker,
        })

        const report = await pool.pool.stop('drain')
        const cycleMs = Date.now() - started
        const removalWarnings = pool.notices
          .slice(warningsBefore)
          .filter((n) => n.level !== 'info' && /remove/i.test(n.message))
          .map((n) => `${n.runner}: ${n.message}`)
        const left = containersOfInstallation()
        figures.push(
          `cycle ${cycle}: ${cycleMs} ms (filled in ${filledMs} ms), containers left ${left.length}, registrations left ${registeredRunners(emulator, pool.installationId).length}, removal warnings ${removalWarnings.length}`,
        )
        expect(report, at('the stop report')).toMatchObject({
          containersLeft: [],
          registrationsLeft: [],
          dockerChecked: true,
          githubChecked: true,
        })
        expect(left, at('podman ps -a for the installation')).toEqual([])
        expect(registeredRunners(emulator, pool.installationId), at('registrations')).toEqual([])
        // A removal that failed and was only finished by the stop's own check is still a leftover
        // of the runner's cleanup: it must show here, not hide behind a clean report.
        expect(removalWarnings, at('removal warnings during the cycle')).toEqual([])
      }
      for (const line of figures) console.log(`[figure] podman ${line}`)
    }, 600_000)
  },
)

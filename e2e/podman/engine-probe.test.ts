// doctor's engine search against a real engine: a Podman service where rootless Podman puts its
// socket ($XDG_RUNTIME_DIR/podman/podman.sock) is found and pinged with the real Docker adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findDockerEngines } from '../../main/engine/docker/engine-probe'
import { podmanMissingReason, startPodmanService, type PodmanService } from './podman-service'

const missing = podmanMissingReason()

describe.skipIf(missing !== null)(
  missing === null
    ? 'finding Podman when Docker does not answer'
    : `finding Podman when Docker does not answer — skipped: ${missing}`,
  () => {
    let podman: PodmanService & { dir: string }
    beforeAll(async () => {
      podman = await startPodmanService({ at: 'podman/podman.sock' })
    })
    afterAll(() => podman?.close())

    it('finds rootless Podman under XDG_RUNTIME_DIR and says what to set', async () => {
      const { found } = await findDockerEngines({
        env: { XDG_RUNTIME_DIR: podman.dir },
        home: podman.dir,
        platform: 'linux',
        exclude: 'unix:///var/run/docker.sock',
      })
      expect(found).toEqual([
        expect.objectContaining({
          engine: 'Podman (rootless)',
          endpoint: podman.dockerHost,
          fix: expect.stringContaining(`export DOCKER_HOST=${podman.dockerHost}`),
        }),
      ])
      expect(found[0]!.apiVersion).toMatch(/^1\.\d+/)
    })
  },
)

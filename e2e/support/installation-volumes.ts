// The volumes an installation's runners leave on purpose (docs/caches.md: each target's cache
// outlives its runners), removed when a suite that ran a pool is done (test code).
import Dockerode from 'dockerode'
import { LABELS } from '../../main/engine/pool/runner-labels'

/** Removes every volume carrying the installation's label; never anyone else's. */
export async function removeInstallationVolumes(installationId: string): Promise<void> {
  const docker = new Dockerode()
  const { Volumes } = await docker.listVolumes({
    filters: { label: [`${LABELS.installation}=${installationId}`] },
  })
  for (const v of Volumes ?? [])
    await docker
      .getVolume(v.Name)
      .remove()
      .catch(() => {})
}

// The bed the built-CLI suites share (test code): a real keyring, the emulator, the stand-in image,
// a config folder of their own, and what is needed to look at and clean up the installation the
// CLI creates there: its containers, its registrations, its network.
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Dockerode from 'dockerode'
import { installationNetwork } from '../../common/container-limits'
import { LABELS, runnerNamePrefix } from '../../main/engine/pool/runner-labels'
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator'
import { buildRunnerImage } from '../runner-image/build'
import { ensureCliBuilt, killAllCli, runnerdockToEnd } from './cli-process'
import { removeInstallationVolumes } from './installation-volumes'
import { startKeyring, type Keyring } from './keyring'

/** A running bed. */
export interface CliBed {
  readonly keyring: Keyring
  readonly emulator: Emulator
  /** The stand-in runner image's tag. */
  readonly image: string
  readonly configDir: string
  /** The environment every CLI process of the suite gets. */
  readonly env: NodeJS.ProcessEnv
  /** `up`'s flags for this bed: the emulator's API URL, the stand-in image, the host network. */
  readonly upFlags: readonly string[]
  /** The installation id the CLI wrote into its settings. */
  installationId(): Promise<string>
  /** Containers (running or not) of an installation. */
  containersOf(id: string): Promise<Dockerode.ContainerInfo[]>
  /** Registrations the emulator holds for an installation's runners. */
  registrationsOf(id: string): ReturnType<Emulator['runners']>
  /** Kills CLIs left running, removes the installation's containers, network and volumes. */
  close(): Promise<void>
}

/** Starts a bed; with `token`, saves it for the emulator through `runnerdock token set`. */
export async function startCliBed(options: {
  readonly name: string
  readonly token?: string
  readonly emulator?: EmulatorOptions
  readonly env?: NodeJS.ProcessEnv
}): Promise<CliBed> {
  await ensureCliBuilt()
  const docker = new Dockerode()
  const [keyring, emulator, image] = await Promise.all([
    startKeyring(),
    startEmulator({ runnerOfflineAfterMs: 2000, ...options.emulator }),
    buildRunnerImage(),
  ])
  const configDir = await fsp.mkdtemp(path.join(os.tmpdir(), `runnerdock-${options.name}-`))
  const env: NodeJS.ProcessEnv = {
    ...keyring.env,
    PATH: process.env.PATH,
    RUNNERDOCK_CONFIG_DIR: configDir,
    RUNNERDOCK_ONLINE_TIMEOUT_MS: '30000',
    ...options.env,
  }
  const installationId = async () =>
    (
      JSON.parse(await fsp.readFile(path.join(configDir, 'settings.json'), 'utf8')) as {
        installationId: string
      }
    ).installationId
  const containersOf = (id: string) =>
    docker.listContainers({ all: true, filters: { label: [`${LABELS.installation}=${id}`] } })
  if (options.token !== undefined) {
    const saved = await runnerdockToEnd(
      ['token', 'set', '--api-url', emulator.url],
      env,
      `${options.token}\n`,
    )
    if (saved.code !== 0) throw new Error(`runnerdock token set failed: ${saved.output}`)
  }
  return {
    keyring,
    emulator,
    image,
    configDir,
    env,
    upFlags: ['--api-url', emulator.url, '--image', image, '--network', 'host'],
    installationId,
    containersOf,
    registrationsOf: (id) =>
      emulator.runners().filter((r) => r.registered && r.name.startsWith(runnerNamePrefix(id))),
    async close() {
      killAllCli()
      const id = await installationId().catch(() => null)
      for (const c of id ? await containersOf(id) : [])
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => {})
      if (id)
        await docker
          .getNetwork(installationNetwork(id))
          .remove()
          .catch(() => {})
      // Each target's cache outlives the runners on purpose: the suite removes its own.
      if (id) await removeInstallationVolumes(id)
      await Promise.all([keyring.stop(), emulator.close()])
      await fsp.rm(configDir, { recursive: true, force: true })
    },
  }
}

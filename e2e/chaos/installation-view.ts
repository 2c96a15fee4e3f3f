// What Docker and GitHub (the emulator) hold for one installation at one instant, and whether
// that is a whole pool: the chaos suites judge the engine by these, never by what it says.
import type Dockerode from 'dockerode'
import type { EmulatorAdmin } from '../emulator'
import { LABELS, runnerNamePrefix } from '../../main/engine/pool/runner-labels'

/** A container carrying the installation's label: what a crash can orphan. */
export interface ContainerSeen {
  readonly id: string
  readonly runner: string
  readonly state: string
}

/** A registration with the installation's prefix that GitHub still holds: what a crash can leave stale. */
export interface RegistrationSeen {
  readonly id: number
  readonly name: string
  readonly status: 'online' | 'offline'
  readonly busy: boolean
}

/** Both sides at one instant, so leftovers are judged against what exists, not what the engine says. */
export interface InstallationView {
  readonly containers: readonly ContainerSeen[]
  readonly registrations: readonly RegistrationSeen[]
}

/** Asks `docker` and the emulator directly (any container state, live registrations): the engine never vouches for itself. */
export async function viewInstallation(
  docker: Dockerode,
  emulator: Pick<EmulatorAdmin, 'runners'>,
  installationId: string,
): Promise<InstallationView> {
  const listed = await docker.listContainers({
    all: true,
    filters: { label: [`${LABELS.installation}=${installationId}`] },
  })
  const prefix = runnerNamePrefix(installationId)
  return {
    containers: listed.map((c) => ({
      id: c.Id,
      runner: c.Labels[LABELS.runner] ?? '',
      state: c.State,
    })),
    registrations: emulator
      .runners()
      .filter((r) => r.registered && r.name.startsWith(prefix))
      .map((r) => ({ id: r.id, name: r.name, status: r.status, busy: r.busy })),
  }
}

/**
 * A whole pool of `size`: exactly `size` containers, all running, each with an online
 * registration of the same name. Other registrations may only be spares: offline, idle, at most
 * one per busy runner (the engine mints a busy runner's successor ahead). So with no job running,
 * nothing but the pool's own registrations may exist: nothing orphaned, nothing stale.
 */
export function isWhole(view: InstallationView, size: number): boolean {
  if (view.containers.length !== size) return false
  const online = new Set(view.registrations.filter((r) => r.status === 'online').map((r) => r.name))
  if (!view.containers.every((c) => c.state === 'running' && online.has(c.runner))) return false
  const served = new Set(view.containers.map((c) => c.runner))
  const others = view.registrations.filter((r) => !served.has(r.name))
  const busy = view.registrations.filter((r) => r.busy).length
  return others.length <= busy && others.every((r) => r.status === 'offline' && !r.busy)
}

/** Whether nothing at all is left (no container, no registration): what a clean stop must end with. */
export function isEmpty(view: InstallationView): boolean {
  return view.containers.length === 0 && view.registrations.length === 0
}

/** A few words (`containers: 2 running, 1 exited; registrations: 2 online`) so tables and failures read at a glance. */
export function describeView(view: InstallationView): string {
  const count = (values: readonly string[]) => {
    const by = new Map<string, number>()
    for (const v of values) by.set(v, (by.get(v) ?? 0) + 1)
    return by.size === 0 ? 'none' : [...by].map(([k, n]) => `${n} ${k}`).join(', ')
  }
  const registrations = view.registrations.map((r) => (r.busy ? 'busy' : r.status))
  return `containers: ${count(view.containers.map((c) => c.state))}; registrations: ${count(registrations)}`
}

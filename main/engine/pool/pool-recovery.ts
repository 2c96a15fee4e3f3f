import { parseTarget, type Target } from '../../../common/target'
import type { ContainerInfo } from '../docker/docker-port'
import { LABELS, newRecord, runnerNamePrefix } from './runner-record'
import { poolKey, type Pool } from './pool'

/**
 * Brings the pool in line with what Docker holds: at start (an earlier run crashed or the machine
 * rebooted) and after Docker comes back. Our running containers of this pool are adopted; exited
 * ones and ones of another pool are removed with their registrations. Containers without our
 * installation label are never listed, so never touched.
 */
export async function recover(pool: Pool): Promise<void> {
  const listed = await pool.deps.docker.list({ [LABELS.installation]: pool.config.installationId })
  if (!listed.ok) return
  const seen = new Set<string>()
  for (const info of listed.value) {
    const name = info.labels[LABELS.runner]
    if (!name) continue
    seen.add(name)
    const known = pool.records.get(name)
    if (known) {
      if (info.state !== 'running') void pool.handleExit(known, info.exitCode)
      else if (!known.logs) pool.follow(known, known.lastLogTime)
      continue
    }
    if (info.labels[LABELS.pool] === poolKey(pool.config) && info.state === 'running')
      adopt(pool, name, info)
    else await discard(pool, name, info)
  }
  // Records whose container vanished while Docker was away (a daemon restart removes nothing, but
  // a user may have): treat as exited.
  for (const record of pool.records.values()) {
    if (record.containerId && record.container === 'running' && !seen.has(record.name))
      void pool.handleExit(record, null)
  }
  await sweepRegistrations(pool)
}

function adopt(pool: Pool, name: string, info: ContainerInfo): void {
  const record = newRecord(name, info.createdAt)
  const runnerId = Number(info.labels[LABELS.runnerId])
  record.runnerId = Number.isInteger(runnerId) && runnerId > 0 ? runnerId : null
  record.containerId = info.id
  record.container = 'running'
  pool.records.set(name, record)
  pool.note('info', name, 'Adopted a runner left running by an earlier session.')
  // Replaying the log from the container's start rebuilds its activity from the runner's own lines.
  pool.follow(record)
  pool.changed()
}

async function discard(pool: Pool, name: string, info: ContainerInfo): Promise<void> {
  const removed = await pool.deps.docker.remove(info.id)
  if (!removed.ok) return
  const runnerId = Number(info.labels[LABELS.runnerId])
  const target = targetOfPoolLabel(info.labels[LABELS.pool] ?? '')
  const sameApi = info.labels[LABELS.apiUrl] === pool.config.apiUrl
  let registration = 'kept'
  if (Number.isInteger(runnerId) && target && sameApi) {
    const deleted = await pool.deps.github.deleteRunner(target, runnerId)
    registration = deleted.ok ? 'removed' : 'could not be removed'
  }
  pool.note(
    'info',
    name,
    `Removed a ${info.state} runner container left by an earlier session (registration ${registration}).`,
  )
}

function targetOfPoolLabel(label: string): Target | null {
  const slash = label.indexOf('/')
  if (slash < 0) return null
  const parsed = parseTarget(label.slice(slash + 1))
  return parsed.ok ? parsed.value : null
}

/**
 * Compares GitHub's runner list with ours: updates registration health, and deletes offline
 * registrations of this installation that no container serves (a runner that died before it
 * could deregister, docs/github-facts.md, known complaint 1). Never touches runners without our name prefix.
 */
export async function sweepRegistrations(pool: Pool): Promise<void> {
  const startedAt = pool.now()
  const listed = await pool.deps.github.listRunners(pool.config.target)
  if (!listed.ok) {
    if (listed.error.kind === 'unauthorized') pool.onGitHubFailure(listed.error, null)
    else pool.note('warn', null, `Could not check runner registrations: ${listed.error.message}`)
    return
  }
  if (!listed.value.changed) return
  const prefix = runnerNamePrefix(pool.config.installationId)
  const present = new Set<string>()
  for (const runner of listed.value.runners) {
    if (!runner.name.startsWith(prefix) || pool.spares.has(runner.name)) continue
    present.add(runner.name)
    const record = pool.records.get(runner.name)
    if (record) {
      if (record.onlineAt !== null && record.registration !== 'gone')
        record.registration = runner.status
      continue
    }
    if (runner.status === 'offline' && !runner.busy) {
      const deleted = await pool.deps.github.deleteRunner(pool.config.target, runner.id)
      if (deleted.ok) {
        pool.registrationRemoved(runner.name)
        pool.note(
          'info',
          runner.name,
          'Removed a stale offline registration left by an earlier session.',
        )
      }
    }
  }
  for (const record of pool.records.values()) {
    if (
      record.runnerId !== null &&
      !present.has(record.name) &&
      record.createdAt < startedAt &&
      record.registration !== 'pending'
    ) {
      record.registration = 'gone'
    }
  }
  pool.changed()
}

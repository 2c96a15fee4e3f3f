import { systemClock } from '../../../common/clock'
import { formatTarget } from '../../../common/target'
import { openGitHubSession } from '../../engine/github/github-session'
import { LABELS } from '../../engine/pool/runner-labels'
import { removeContainerSurely } from '../../engine/pool/container-removal'
import { acquirePoolLock } from '../../engine/pool-lock'
import { EXIT, type ConsoleIo } from '../../services/console-io'
import type { RealServices } from '../../services/real-services'

/**
 * `runnerdock doctor --fix`: removes what an earlier run could not (runner containers of this
 * installation, registrations a stop recorded as left), as the next start would, without starting
 * a pool. Refused while a pool runs: those containers are its runners.
 */
export async function doctorFix(io: ConsoleIo, services: RealServices): Promise<number> {
  const lock = await acquirePoolLock(services.configDir)
  if (!lock.ok) return (io.err(`Not fixed: ${lock.error}`), EXIT.failed)
  try {
    const installation = await services.installation()
    if (!installation.ok) return (io.err(installation.error), EXIT.failed)
    let left = 0
    const docker = await services.docker()
    if (!docker.ok) {
      io.err(`FAIL  Containers: ${docker.error.message}`)
      left++
    } else {
      const port = docker.value.port
      const listed = await port.list({ [LABELS.installation]: installation.value.id })
      if (!listed.ok) {
        io.err(`FAIL  Containers: ${listed.error.message}`)
        left++
      } else {
        for (const c of listed.value) {
          const removed = await removeContainerSurely(port, c.id, systemClock)
          const name = c.labels[LABELS.runner] ?? c.name
          if (removed.ok) {
            io.out(`FIXED Container ${name} (${c.state}) removed.`)
          } else {
            left++
            io.err(`FAIL  Container ${name}: ${removed.error.message}`)
          }
        }
        if (listed.value.length === 0) io.out('PASS  Containers: none left.')
      }
    }
    const pending = await services.pending.list()
    for (const apiUrl of new Set(pending.map((p) => p.apiUrl))) {
      const session = await openGitHubSession(services.tokens, apiUrl)
      if (!session.ok) {
        io.err(`FAIL  Registrations on ${apiUrl}: ${session.error.message}`)
        left++
        continue
      }
      for (const entry of pending.filter((p) => p.apiUrl === apiUrl)) {
        const deleted = await session.value.github.deleteRunner(entry.target, entry.runnerId)
        if (deleted.ok) {
          await services.pending.remove([entry])
          io.out(`FIXED Registration ${entry.name} on ${formatTarget(entry.target)} deleted.`)
        } else {
          left++
          io.err(`FAIL  Registration ${entry.name}: ${deleted.error.message}`)
        }
      }
    }
    if (pending.length === 0) io.out('PASS  Registrations: none recorded as left.')
    return left === 0 ? EXIT.ok : EXIT.incomplete
  } finally {
    await lock.value.release()
  }
}

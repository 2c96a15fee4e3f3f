import { DEFAULT_IMAGE } from '../../../common/settings'
import { formatTarget, parseApiUrl } from '../../../common/target'
import { sessionForToken } from '../../engine/github/github-session'
import { EXIT, type ConsoleIo } from '../../services/console-io'
import type { RealServices } from '../../services/real-services'
import { describeCheck } from '../../../common/token-access'
import type { DockerPort } from '../../engine/docker/docker-port'
import { imageAgeDays } from '../../engine/pool/image-refresh-plan'
import type { CliCommand } from '../cli-args'
import {
  apiReachFinding,
  otherEngineNotes,
  savedNetwork,
  type DoctorFinding,
} from './doctor-docker'

/** One doctor line: a pass/fail mark, what was checked, and what to do when it failed. */
export function doctorLine(pass: boolean, subject: string, text: string): string {
  return `${pass ? 'PASS' : 'FAIL'}  ${subject}: ${text}`
}

/** A doctor note: something found or not checked, which neither passes nor fails the run. */
export function doctorNote(subject: string, text: string): string {
  return `NOTE  ${subject}: ${text}`
}

/**
 * `runnerdock doctor`: checks Docker (and when it does not answer, looks for other engines), the
 * keychain, the token, the target, the image and whether a container on the runners' network
 * reaches the API, one line each, and exits 1 if any failed. It changes nothing (it never pulls
 * an image; the network probe's container is removed).
 */
export async function doctor(
  io: ConsoleIo,
  services: RealServices,
  command: Omit<Extract<CliCommand, { kind: 'doctor' }>, 'kind'>,
): Promise<number> {
  const { apiUrl, target, image } = command
  let failed = false
  const line = (pass: boolean, subject: string, text: string) => {
    failed ||= !pass
    io.out(doctorLine(pass, subject, text))
  }
  const report = (finding: DoctorFinding) =>
    finding.kind === 'line'
      ? line(finding.pass, finding.subject, finding.text)
      : io.out(doctorNote(finding.subject, finding.text))
  const docker = await services.docker()
  let port = docker.ok ? docker.value.port : null
  const connection = docker.ok ? (docker.value.connection ?? null) : null
  if (!docker.ok) line(false, 'Docker', docker.error.message)
  else {
    const ping = await docker.value.port.ping()
    if (ping.ok) line(true, 'Docker', `API ${ping.value.apiVersion} at ${docker.value.description}`)
    else {
      line(false, 'Docker', ping.error.message)
      port = null
    }
  }
  if (!port)
    for (const note of await otherEngineNotes({
      env: io.env,
      exclude: connection?.endpoint ?? null,
    }))
      report(note)
  const api = parseApiUrl(apiUrl)
  if (!api.ok) return (io.err(api.error), EXIT.usage)
  const stored = await services.tokens.get(api.value.host)
  if (!stored.ok) line(false, 'Keychain', stored.error.message)
  else if (stored.value === null) {
    line(true, 'Keychain', 'reachable')
    line(
      false,
      'Token',
      `none saved for ${api.value.host}. Run "runnerdock token set" (or set GITHUB_TOKEN).`,
    )
  } else {
    line(
      true,
      'Keychain',
      stored.value.source === 'environment'
        ? 'not used: GITHUB_TOKEN is set'
        : `reachable; a token is saved for ${api.value.host}`,
    )
    const check = await sessionForToken(api.value.apiUrl, api.value.host, stored.value).check(
      target,
    )
    const identityOk =
      check.login !== null && check.status !== 'invalid' && check.status !== 'unreachable'
    line(identityOk, 'Token', identityOk ? describeCheck(check) : check.message)
    if (target && identityOk)
      line(
        check.canRegister,
        `Target ${formatTarget(target)}`,
        check.canRegister ? 'the token may register runners here' : check.message,
      )
  }
  const wanted = image ?? DEFAULT_IMAGE
  if (port) {
    const present = await port.imagePresent(wanted)
    if (!present.ok) line(false, 'Image', present.error.message)
    else {
      line(
        true,
        'Image',
        present.value
          ? `${wanted} is present locally`
          : `${wanted} is not present yet; it is pulled when the pool starts`,
      )
      const age = present.value ? await imageAge(port, wanted) : null
      if (age !== null && age > IMAGE_OLD_DAYS)
        report({
          kind: 'note',
          subject: 'Image',
          text: `${wanted} was built ${age} days ago. GitHub stops accepting runner versions some weeks after a newer release: pull it again (docker pull ${wanted}), or let the running pool refresh it.`,
        })
      if (connection)
        report(
          await apiReachFinding(connection, {
            image: wanted,
            imagePresent: present.value,
            network: command.network ?? (await savedNetwork(services.settings.path)),
            url: api.value.apiUrl,
          }),
        )
    }
  }
  return failed ? EXIT.failed : EXIT.ok
}

/** An image older than this gets a warning: GitHub refuses runners far behind the latest release. */
export const IMAGE_OLD_DAYS = 7

async function imageAge(port: DockerPort, image: string): Promise<number | null> {
  const facts = await port.imageFacts(image)
  return facts.ok ? imageAgeDays(facts.value, Date.now()) : null
}

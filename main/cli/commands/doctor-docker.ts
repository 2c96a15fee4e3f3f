import { promises as fsp } from 'node:fs'
import { checkApiReach } from '../../engine/docker/api-reach'
import { describeNetwork, unreachableMessage } from '../../engine/docker/api-reach-plan'
import type { DockerConnection } from '../../engine/docker/docker-connection'
import { findDockerEngines, type EngineProbeOptions } from '../../engine/docker/engine-probe'
import { parseSettingsText } from '../../engine/settings/settings-file'

/** One doctor verdict: PASS/FAIL lines count, a note (a check that could not run) does not. */
export type DoctorFinding =
  | {
      readonly kind: 'line'
      readonly pass: boolean
      readonly subject: string
      readonly text: string
    }
  | { readonly kind: 'note'; readonly subject: string; readonly text: string }

/**
 * When the configured daemon does not answer: which other engines do (Podman, rootless Docker,
 * Colima, OrbStack, Rancher Desktop, Docker Desktop…) and what to set to use one; or that none did.
 */
export async function otherEngineNotes(options: EngineProbeOptions): Promise<DoctorFinding[]> {
  const { found, looked } = await findDockerEngines(options)
  if (found.length === 0)
    return [
      {
        kind: 'note',
        subject: 'Docker',
        text: `no other Docker engine answered either (looked in ${looked} places for Podman, rootless Docker, Colima, OrbStack, Rancher Desktop and Docker Desktop).`,
      },
    ]
  return found.map((engine) => ({
    kind: 'note',
    subject: 'Docker',
    text: `found ${engine.engine} answering at ${engine.endpoint} (API ${engine.apiVersion}). ${engine.fix}`,
  }))
}

/**
 * Whether a container like the runners (same image, same network) reaches the API URL. Needs the
 * image locally: doctor never pulls.
 */
export async function apiReachFinding(
  connection: DockerConnection,
  check: { image: string; imagePresent: boolean; network: string | null; url: string },
): Promise<DoctorFinding> {
  const subject = 'Network'
  if (!check.imagePresent)
    return {
      kind: 'note',
      subject,
      text: `not checked: it runs a container from ${check.image}, which is not present yet (pull it, or run doctor again once the pool has started).`,
    }
  const verdict = await checkApiReach(connection, check)
  if (!verdict.ok) return { kind: 'line', pass: false, subject, text: verdict.error.message }
  const { kind, detail } = verdict.value
  if (kind === 'reached')
    return {
      kind: 'line',
      pass: true,
      subject,
      text: `a container on ${describeNetwork(check.network)} reaches ${check.url}`,
    }
  if (kind === 'unreachable')
    return {
      kind: 'line',
      pass: false,
      subject,
      text: unreachableMessage(check.url, check.network, detail),
    }
  return { kind: 'note', subject, text: `not checked from ${check.image}: ${detail}.` }
}

/** The network runners use per the saved settings, read without writing anything. */
export async function savedNetwork(settingsPath: string): Promise<string | null> {
  const text = await fsp.readFile(settingsPath, 'utf8').catch(() => null)
  if (text === null) return null
  const parsed = parseSettingsText(text)
  return parsed.ok ? parsed.settings.networkMode : null
}

import type { FieldNote } from '../../common/contract'
import { imageReferenceProblem } from '../../common/image-reference'
import type { Result } from '../../common/result'
import type { Settings } from '../../common/settings'
import { isNetworkName } from './docker/docker-network'
import type { DockerFailure, DockerPort } from './docker/docker-port'

/** What a check at save decided: save with notes, or refuse naming the field to fix. */
export type SettingsVerdict =
  | { readonly ok: true; readonly notes: FieldNote[] }
  | { readonly ok: false; readonly message: string; readonly field: 'image' | 'networkMode' }

type Lookup = Result<boolean, DockerFailure> | null

/**
 * The image at save: a name Docker could never pull is refused; one on this machine is fine; an
 * absent one is saved with a word that it is pulled at start; with Docker away, it is checked at
 * start instead. Pure: `present` is what `DockerPort.imagePresent` answered (null: no Docker).
 */
export function judgeImage(image: string, present: Lookup): FieldNote | SettingsVerdict {
  const problem = imageReferenceProblem(image)
  if (problem) return { ok: false, message: problem, field: 'image' }
  if (present === null || !present.ok)
    return {
      field: 'image',
      level: 'warn',
      message:
        'Docker did not answer, so the image was not checked. RunnerDock checks it again at start.',
    }
  return present.value
    ? { field: 'image', level: 'ok', message: 'The image is on this machine.' }
    : {
        field: 'image',
        level: 'info',
        message:
          'The image is not on this machine yet: it is pulled when the pool starts. Check its name if you did not mean to download it.',
      }
}

/**
 * The network at save: Docker's default needs no check, a container's network is not a network
 * name, a name Docker does not know is refused (every runner would fail to start).
 */
export function judgeNetwork(network: string | null, exists: Lookup): FieldNote | SettingsVerdict {
  if (network === null || network.startsWith('container:')) return { ok: true, notes: [] }
  if (!isNetworkName(network))
    return {
      ok: false,
      field: 'networkMode',
      message: `"${network}" is not a valid Docker network name. Use a name from "docker network ls", or leave the field empty for Docker's default.`,
    }
  if (exists === null || !exists.ok)
    return {
      field: 'networkMode',
      level: 'warn',
      message:
        'Docker did not answer, so the network was not checked. Runners fail to start if it does not exist.',
    }
  return exists.value
    ? { field: 'networkMode', level: 'ok', message: `Docker has a network named ${network}.` }
    : {
        ok: false,
        field: 'networkMode',
        message: `Docker has no network named "${network}". Check the spelling against "docker network ls", create it, or leave the field empty for Docker's default.`,
      }
}

/** Folds the judgements of each field into one verdict: the first refusal, else every note. */
export function combineVerdicts(parts: readonly (FieldNote | SettingsVerdict)[]): SettingsVerdict {
  const notes: FieldNote[] = []
  for (const part of parts) {
    if (!('ok' in part)) notes.push(part)
    else if (!part.ok) return part
    else notes.push(...part.notes)
  }
  return { ok: true, notes }
}

/**
 * Checks the settings a save changes that Docker can vouch for (the image and the network), so a
 * misspelling is caught at the field instead of after Start. Settings it did not change are not
 * checked again; Docker away never blocks a save.
 */
export async function checkSettingsAtSave(
  docker: () => Promise<Result<{ port: DockerPort }, DockerFailure>>,
  next: Pick<Settings, 'image' | 'networkMode'>,
  changed: { readonly image: boolean; readonly networkMode: boolean },
): Promise<SettingsVerdict> {
  if (!changed.image && !changed.networkMode) return { ok: true, notes: [] }
  if (changed.image && imageReferenceProblem(next.image))
    return combineVerdicts([judgeImage(next.image, null)])
  const connected = await docker()
  const port = connected.ok ? connected.value.port : null
  const [image, network] = await Promise.all([
    changed.image && port ? port.imagePresent(next.image) : null,
    changed.networkMode && port && next.networkMode && isNetworkName(next.networkMode)
      ? port.networkExists(next.networkMode)
      : null,
  ])
  return combineVerdicts([
    ...(changed.image ? [judgeImage(next.image, image)] : []),
    ...(changed.networkMode ? [judgeNetwork(next.networkMode, network)] : []),
  ])
}

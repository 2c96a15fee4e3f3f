import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename } from 'node:fs/promises'
import { writeFileAtomic } from '../fs/write-file-atomic'
import path from 'node:path'
import { err, ok, type Result } from '../../../common/result'
import { defaultSettings, settingsSchema, type Settings } from '../../../common/settings'
import {
  SETTINGS_FILE_NAME,
  corruptFileName,
  describeFsError,
  findTokenLikeValue,
  installationIdFromBytes,
  isNoSettingsFile,
  parseSettingsText,
} from './settings-file'

/** Where settings live by default; re-exported so hosts need one import. */
export { defaultConfigDir } from './settings-file'

/** Why settings could not be saved. `contains-token` and `invalid` are bugs in the caller. */
export interface SettingsFailure {
  readonly kind: 'contains-token' | 'invalid' | 'write-failed'
  readonly message: string
  readonly detail: string
}

/** Settings as loaded: the installation id is always present, since recovery depends on it. */
export type LoadedSettings = Settings & { readonly installationId: string }

/**
 * What `read` found. A missing or corrupt file still gives settings (the app must start);
 * `warning` says what went wrong (a corrupt file kept aside, a folder that cannot be written) in
 * words a user can act on. Only a file that exists but cannot be read is a failure.
 */
export interface LoadResult {
  readonly settings: LoadedSettings
  readonly warning: string | null
  /** Where a corrupt file was moved, so the UI can point at it. */
  readonly keptAside: string | null
}

/**
 * A settings file exists but cannot be read (permissions, a disk error, a folder in its place).
 * Nothing is made up then: a new installation id would orphan every container and registration
 * tagged with the one in the file.
 */
export interface SettingsReadFailure {
  readonly kind: 'unreadable'
  readonly message: string
  readonly detail: string
}

/** `load`'s way to report a `SettingsReadFailure` to hosts that cannot run without settings. */
export class SettingsUnreadableError extends Error {
  constructor(readonly failure: SettingsReadFailure) {
    super(failure.message)
    this.name = 'SettingsUnreadableError'
  }
}

/** Reads and writes `settings.json` in one folder; the token never passes through here. */
export interface SettingsStore {
  readonly path: string
  /** The settings, or why a file that exists could not be read (never a new id in that case). */
  read(): Promise<Result<LoadResult, SettingsReadFailure>>
  /** `read` for hosts that must have settings to start: throws SettingsUnreadableError instead. */
  load(): Promise<LoadResult>
  save(settings: Settings): Promise<Result<void, SettingsFailure>>
}

/** An id that tags this installation's runners and containers: 8 of [a-z0-9], crypto-random. */
export function newInstallationId(): string {
  for (;;) {
    const id = installationIdFromBytes(randomBytes(16))
    if (id !== null) return id
  }
}

// The folder is private (0700) and the file owner-only (0600) even though no secret belongs in it;
// the write is atomic (a crash leaves the old file or the new one, never half of one).
async function writeSettingsFile(file: string, data: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
  await writeFileAtomic(file, data)
}

/**
 * The settings store for a folder (see `defaultConfigDir`). Saves are queued so two quick changes
 * land in order; a missing file gives defaults and a new installation id, saved at once.
 */
export function createSettingsStore(options: {
  dir: string
  /** How the file is read; tests pass a failing one (root reads through any permission). */
  readFile?: (file: string, encoding: 'utf8') => Promise<string>
}): SettingsStore {
  const readText = options.readFile ?? readFile
  const file = path.join(options.dir, SETTINGS_FILE_NAME)
  let queue: Promise<unknown> = Promise.resolve()
  let knownId: string | null = null

  function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = queue.then(job, job)
    queue = next.catch(() => undefined)
    return next
  }

  async function write(settings: Settings): Promise<Result<void, SettingsFailure>> {
    const tokenAt = findTokenLikeValue(settings)
    if (tokenAt !== null) {
      return err({
        kind: 'contains-token',
        message: `RunnerDock did not save the settings: the value at "${tokenAt}" looks like a GitHub token, and tokens belong in the keychain only. This is a bug in RunnerDock.`,
        detail: `token-like value at ${tokenAt}`,
      })
    }
    const checked = settingsSchema.safeParse(settings)
    if (!checked.success) {
      return err({
        kind: 'invalid',
        message:
          'RunnerDock did not save the settings because some values are not valid. This is a bug in RunnerDock.',
        detail: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      })
    }
    try {
      await enqueue(() => writeSettingsFile(file, `${JSON.stringify(checked.data, null, 2)}\n`))
      if (checked.data.installationId !== undefined) knownId = checked.data.installationId
      return ok(undefined)
    } catch (error) {
      return err({
        kind: 'write-failed',
        message: `RunnerDock could not save your settings to ${file} because ${describeFsError(error)}. Free some space or fix the folder's permissions, then try again.`,
        detail: error instanceof Error ? error.message : String(error),
      })
    }
  }

  // Saves freshly made settings; a failure becomes a warning, since the app can run without it.
  async function remember(
    settings: LoadedSettings,
    warning: string | null,
  ): Promise<string | null> {
    const saved = await write(settings)
    if (saved.ok) return warning
    const why = `${saved.error.message} Your settings will not be kept after RunnerDock quits.`
    return warning === null ? why : `${warning} ${why}`
  }

  async function keepAside(reason: string, salvagedId: string | null): Promise<LoadResult> {
    const settings = { ...defaultSettings(), installationId: salvagedId ?? newInstallationId() }
    knownId = settings.installationId
    const aside = path.join(options.dir, corruptFileName(SETTINGS_FILE_NAME, new Date()))
    try {
      await enqueue(() => rename(file, aside))
    } catch (error) {
      // Not moved, so not overwritten either: the user decides what to do with it.
      return {
        settings,
        keptAside: null,
        warning: `Your settings file ${file} could not be used (${reason}), so RunnerDock started with default settings. It could not be moved aside (${describeFsError(error)}), so it was left as it is; fix or remove it to keep your changes.`,
      }
    }
    const warning = `Your settings file could not be used (${reason}), so RunnerDock started with default settings. The old file is kept at ${aside}.`
    return { settings, keptAside: aside, warning: await remember(settings, warning) }
  }

  async function read(): Promise<Result<LoadResult, SettingsReadFailure>> {
    let text: string
    try {
      text = await readText(file, 'utf8')
    } catch (error) {
      if (!isNoSettingsFile(error))
        return err({
          kind: 'unreadable',
          message: `RunnerDock could not read your settings file ${file} because ${describeFsError(error, 'read')}. It left the file as it is and did not start: new settings would give this machine a new installation id and orphan its runners. Fix the file (or its folder's permissions), then start RunnerDock again.`,
          detail: error instanceof Error ? error.message : String(error),
        })
      const settings = { ...defaultSettings(), installationId: knownId ?? newInstallationId() }
      knownId = settings.installationId
      if ((error as { code?: unknown }).code === 'ENOENT')
        return ok({ settings, keptAside: null, warning: await remember(settings, null) })
      return ok({
        settings,
        keptAside: null,
        warning: `RunnerDock could not use the folder for your settings file ${file} because ${describeFsError(error)}, so it started with default settings that will not be kept.`,
      })
    }
    const parsed = parseSettingsText(text)
    if (!parsed.ok) return ok(await keepAside(parsed.reason, parsed.installationId))
    const { installationId } = parsed.settings
    if (installationId !== undefined) {
      knownId = installationId
      return ok({
        settings: { ...parsed.settings, installationId },
        keptAside: null,
        warning: null,
      })
    }
    // An older file without an id: give it one now, so it never changes again.
    const settings = { ...parsed.settings, installationId: knownId ?? newInstallationId() }
    knownId = settings.installationId
    return ok({ settings, keptAside: null, warning: await remember(settings, null) })
  }

  return {
    path: file,

    read,

    async load() {
      const result = await read()
      if (!result.ok) throw new SettingsUnreadableError(result.error)
      return result.value
    },

    async save(settings) {
      // A caller that dropped the id must not make a new one appear on the next load.
      const withId =
        settings.installationId === undefined && knownId !== null
          ? { ...settings, installationId: knownId }
          : settings
      return write(withId)
    },
  }
}

import { ok, type Result } from '../../../common/result'
import { settingsSchema, type Settings } from '../../../common/settings'
import {
  SettingsUnreadableError,
  type LoadResult,
  type SettingsReadFailure,
  type SettingsStore,
} from './settings-store'

/**
 * The saved settings with a command line's flags on top, never written back: `runnerdock up
 * --target x --runners 3` runs the engine with those values without changing what the desktop
 * app will use. The installation id (and so recovery of this machine's runners) is shared.
 */
export function settingsWithOverrides(
  base: SettingsStore,
  overrides: Partial<Settings>,
): SettingsStore {
  const read = async (): Promise<Result<LoadResult, SettingsReadFailure>> => {
    const loaded = await base.read()
    if (!loaded.ok) return loaded
    const merged = settingsSchema.parse({ ...loaded.value.settings, ...overrides })
    const installationId = loaded.value.settings.installationId
    return ok({ ...loaded.value, settings: { ...merged, installationId } })
  }
  return {
    path: base.path,
    read,
    load: async () => {
      const result = await read()
      if (!result.ok) throw new SettingsUnreadableError(result.error)
      return result.value
    },
    save: async () => ok(undefined),
  }
}

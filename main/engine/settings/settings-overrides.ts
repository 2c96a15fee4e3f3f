import { ok } from '../../../common/result'
import { settingsSchema, type Settings } from '../../../common/settings'
import type { LoadResult, SettingsStore } from './settings-store'

/**
 * The saved settings with a command line's flags on top, never written back: `runnerdock up
 * --target x --runners 3` runs the engine with those values without changing what the desktop
 * app will use. The installation id (and so recovery of this machine's runners) is shared.
 */
export function settingsWithOverrides(
  base: SettingsStore,
  overrides: Partial<Settings>,
): SettingsStore {
  return {
    path: base.path,
    load: async (): Promise<LoadResult> => {
      const loaded = await base.load()
      const merged = settingsSchema.parse({ ...loaded.settings, ...overrides })
      return { ...loaded, settings: { ...merged, installationId: loaded.settings.installationId } }
    },
    save: async () => ok(undefined),
  }
}

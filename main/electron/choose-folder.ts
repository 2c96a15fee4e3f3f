import { BrowserWindow, dialog } from 'electron'
import type { ChooseFolder } from '../engine/arc/saved-arc-export'

/**
 * The engine's folder picker in the desktop app: Electron's native open dialog for one folder
 * (with "New Folder"), sheet-attached to the focused RunnerDock window when there is one. Thin on
 * purpose: the engine decides what is written there and refuses to replace other files.
 */
export function createFolderChooser(): ChooseFolder {
  return async (title) => {
    const options: Electron.OpenDialogOptions = {
      title,
      buttonLabel: 'Save here',
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    }
    const parent = BrowserWindow.getFocusedWindow()
    const answer = parent
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options)
    return answer.canceled ? null : (answer.filePaths[0] ?? null)
  }
}

import { runDesktopApp } from './main-app'

// The Electron main entry (electron.vite.config.ts). Every other module only defines things.
runDesktopApp()

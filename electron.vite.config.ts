import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

/**
 * One build for the three Electron layers. Main and preload bundle to CommonJS for Node/Electron;
 * the renderer is a plain browser bundle, the same files the headless host (`runnerdock serve`)
 * serves, so what the browser tests exercise is what the desktop app loads.
 */
export default defineConfig({
  main: {
    // Dependencies (keytar's native addon, dockerode...) stay in node_modules: externalized by default.
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'main/electron/index.ts') } },
    },
  },
  preload: {
    // A sandboxed preload can require only 'electron': bundle everything else into the one file.
    build: {
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
})

// One emulator per spec file, reset between tests: the setup every emulator spec shares.
import { afterAll, afterEach, beforeAll } from 'vitest'
import { startEmulator, type Emulator, type EmulatorOptions } from './index'
import { requester, type Requester } from './test-http'

/** Registers the file's hooks; `onStart` receives the emulator and a plain-HTTP requester for it. */
export function useEmulator(
  onStart: (started: { emulator: Emulator; api: Requester }) => void,
  options: EmulatorOptions = {},
): void {
  let emulator: Emulator | null = null
  beforeAll(async () => {
    emulator = await startEmulator(options)
    onStart({ emulator, api: requester(emulator.url) })
  })
  afterEach(() => emulator?.reset())
  afterAll(() => emulator?.close())
}

// The one-time runner config, shaped like GitHub's: base64 of a JSON object whose keys are the
// runner's config file names and whose values are base64 of each file's JSON. The stand-in runner
// unpacks it with busybox `base64` and `sed`, so every value stays a flat JSON string.

/** `.runner`: who the runner is and where it reaches the service. */
export interface JitRunnerFile {
  readonly agentId: number
  readonly agentName: string
  readonly poolId: number
  readonly poolName: string
  /** Base of the emulator's runner endpoints (`{runnerBaseUrl}/_runner`). */
  readonly serverUrl: string
  readonly gitHubUrl: string
  readonly workFolder: string
  readonly ephemeral: true
  readonly disableUpdate: true
  /**
   * Only for the stand-in runner: how long it waits before opening its session, as the real
   * listener's .NET start and session creation take seconds. Absent when 0.
   */
  readonly standInStartupDelayMs?: number
}

/** `.credentials`: GitHub's OAuth scheme; `runnerSecret` is what the stand-in presents. */
export interface JitCredentialsFile {
  readonly scheme: 'OAuth'
  readonly data: {
    readonly clientId: string
    readonly authorizationUrl: string
    readonly requireFipsCryptography: 'False'
    readonly runnerSecret: string
  }
}

/** The three files a JIT config carries. */
export interface JitConfigFiles {
  readonly runner: JitRunnerFile
  readonly credentials: JitCredentialsFile
  readonly rsaParams: Readonly<Record<string, string>>
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')
const unb64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8')

/** Packs the files into `encoded_jit_config`. */
export function encodeJitConfig(files: JitConfigFiles): string {
  const outer = {
    '.runner': b64(JSON.stringify(files.runner)),
    '.credentials': b64(JSON.stringify(files.credentials)),
    '.credentials_rsaparams': b64(JSON.stringify(files.rsaParams)),
  }
  return b64(JSON.stringify(outer))
}

/** Unpacks `encoded_jit_config` (tests use it to look inside; throws on anything else). */
export function decodeJitConfig(encoded: string): JitConfigFiles {
  const outer = JSON.parse(unb64(encoded)) as Record<string, string>
  const file = (name: string): unknown => {
    const value = outer[name]
    if (typeof value !== 'string') throw new Error(`JIT config has no ${name}`)
    return JSON.parse(unb64(value))
  }
  return {
    runner: file('.runner') as JitRunnerFile,
    credentials: file('.credentials') as JitCredentialsFile,
    rsaParams: file('.credentials_rsaparams') as Record<string, string>,
  }
}

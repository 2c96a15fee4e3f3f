import { z } from 'zod'
import { DEFAULT_API_URL, MAX_API_URL_LENGTH, parseApiUrl, targetSchema } from './target'

/** The official runner image (docs/github-facts.md); users may point at their own derived image. */
export const DEFAULT_IMAGE = 'ghcr.io/actions/actions-runner:latest'

/** A hard ceiling on pool size: each runner is a container and a GitHub registration. */
export const RUNNER_CEILING = 64

/** A label GitHub accepts: 1-100 characters, no commas or whitespace. */
export const labelSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^,\s]+$/, 'Labels cannot contain commas or spaces.')

/** Window placement remembered between launches (issue 3). */
export const windowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200),
  height: z.number().int().min(150),
})

/**
 * The settings a user may change, without defaults: the patch schema is built from these, so a
 * partial update never fills absent fields with defaults (zod 4 applies `.default()` even inside
 * `.partial()`).
 */
export const settingsFieldSchemas = {
  /** Checked by parseApiUrl, so a saved URL always names a host the keychain can hold a token for. */
  apiUrl: z
    .string()
    .max(MAX_API_URL_LENGTH)
    .superRefine((value, ctx) => {
      const parsed = parseApiUrl(value)
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error })
    }),
  target: targetSchema.nullable(),
  desiredRunners: z.number().int().min(0).max(RUNNER_CEILING),
  maxRunners: z.number().int().min(1).max(RUNNER_CEILING),
  labels: z.array(labelSchema).max(50),
  /** Organization runner group by name; null means the default group. */
  runnerGroup: z.string().min(1).max(256).nullable(),
  /** An image reference: Docker's own limits keep a real one far under 512 characters. */
  image: z.string().min(1).max(512),
  cpus: z.number().positive().max(1024).nullable(),
  memoryMb: z.number().int().min(64).max(1_048_576).nullable(),
  /** Docker network mode for runner containers; null is Docker's default bridge. */
  networkMode: z.string().min(1).max(256).nullable(),
  /** Mount the host's Docker socket into runners (root-equivalent access to this machine). */
  dockerAccess: z.boolean(),
  startAtLogin: z.boolean(),
  /** Start the pool when the app starts, as it was left. */
  runOnLaunch: z.boolean(),
  notifyJobResults: z.boolean(),
  /** GitHub OAuth app client id for "Sign in with GitHub" (device flow); null hides the button. */
  oauthClientId: z.string().min(1).max(256).nullable(),
}

const f = settingsFieldSchemas

/**
 * Everything RunnerDock remembers between runs. Never the token: that lives in the keychain only.
 * Every field has a default so an older or partial file still loads.
 */
export const settingsSchema = z.object({
  /** Tags our runners and containers so recovery never touches anyone else's. */
  installationId: z
    .string()
    .regex(/^[a-z0-9]{8}$/)
    .optional(),
  apiUrl: f.apiUrl.default(DEFAULT_API_URL),
  target: f.target.default(null),
  desiredRunners: f.desiredRunners.default(1),
  maxRunners: f.maxRunners.default(8),
  labels: f.labels.default([]),
  runnerGroup: f.runnerGroup.default(null),
  image: f.image.default(DEFAULT_IMAGE),
  cpus: f.cpus.default(null),
  memoryMb: f.memoryMb.default(null),
  networkMode: f.networkMode.default(null),
  dockerAccess: f.dockerAccess.default(false),
  startAtLogin: f.startAtLogin.default(false),
  runOnLaunch: f.runOnLaunch.default(false),
  notifyJobResults: f.notifyJobResults.default(false),
  oauthClientId: f.oauthClientId.default(null),
  windows: z
    .object({
      dashboard: windowBoundsSchema.nullable().default(null),
      logs: windowBoundsSchema.nullable().default(null),
    })
    .default({ dashboard: null, logs: null }),
})
/** Validated settings with defaults applied. */
export type Settings = z.infer<typeof settingsSchema>

/** Settings for a first run. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({})
}

import { z } from 'zod'
import { DEFAULT_API_URL, MAX_API_URL_LENGTH, parseApiUrl, targetSchema } from './target'

/** The official runner image (docs/github-facts.md); users may point at their own derived image. */
export const DEFAULT_IMAGE = 'ghcr.io/actions/actions-runner:latest'

/**
 * The caches' default cap: room for a few toolchains (Node, Python, Go, a JDK: about 1-2 GB) for
 * each of several targets, on a machine that runs containers anyway.
 */
export const DEFAULT_CACHE_LIMIT_GB = 20

/** Bytes in the GB of `cacheLimitGb` (decimal, as disks are sold and Docker's own `df` prints). */
export const BYTES_PER_GB = 1_000_000_000

/** A hard ceiling on pool size: each runner is a container and a GitHub registration. */
export const RUNNER_CEILING = 64

/** The most targets one pool serves (each is watched and registered on separately). */
export const TARGET_CEILING = 100

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
  /** Where runners register: repositories and organizations the user chose. */
  targets: z.array(targetSchema).max(TARGET_CEILING),
  /** Also serve every repository the token administers whose workflows ask for self-hosted runners. */
  discoverRepositories: z.boolean(),
  /** Discovered repositories the user removed from the pool. */
  excludedTargets: z.array(targetSchema).max(500),
  /** Fixed: `desiredRunners` per target. On demand: runners follow the queued jobs. */
  mode: z.enum(['fixed', 'on-demand']),
  /** Fixed mode: runners kept per target. */
  desiredRunners: z.number().int().min(0).max(RUNNER_CEILING),
  /** On demand: idle runners kept warm per target. */
  minIdle: z.number().int().min(0).max(RUNNER_CEILING),
  /** Runners on this machine at most, all targets together; null: from its cores and memory. */
  maxRunners: z.number().int().min(1).max(RUNNER_CEILING).nullable(),
  /** On demand: idle runners above the warm minimum are removed after this long. */
  idleTimeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** Public repositories (OWNER/REPO) or organizations the user allowed after reading the risk. */
  allowPublic: z.array(z.string().min(1).max(140)).max(TARGET_CEILING),
  labels: z.array(labelSchema).max(50),
  /** Organization runner group by name; null means the default group. */
  runnerGroup: z.string().min(1).max(256).nullable(),
  /** An image reference: Docker's own limits keep a real one far under 512 characters. */
  image: z.string().min(1).max(512),
  /** CPUs per runner; null: derived from the machine (all cores but one) while limits are on. */
  cpus: z.number().positive().max(1024).nullable(),
  memoryMb: z.number().int().min(64).max(1_048_576).nullable(),
  /** Bound every runner (CPU, memory, processes); off only adds no limit the user did not set. */
  resourceLimits: z.boolean(),
  /** Docker network for runner containers; null: this installation's own isolated network. */
  networkMode: z.string().min(1).max(256).nullable(),
  /** Mount the host's Docker socket into runners (root-equivalent access to this machine). */
  dockerAccess: z.boolean(),
  /**
   * Keep a tool cache and an action archive cache per target that outlive ephemeral runners
   * (docs/caches.md), so setup-* actions and action downloads are not repeated by every job.
   */
  caches: z.boolean(),
  /** What every target's caches together may hold on this machine, in GB (10^9 bytes). */
  cacheLimitGb: z.number().int().min(1).max(10_000),
  startAtLogin: z.boolean(),
  /** Start the pool when the app starts, as it was left. */
  runOnLaunch: z.boolean(),
  notifyJobResults: z.boolean(),
  /** Notify when a job fails or is cancelled (a click opens its run on GitHub). */
  notifyFailedJobs: z.boolean(),
  /** Desktop app: Prometheus metrics on 127.0.0.1 (bearer token from the config folder). */
  metricsEnabled: z.boolean(),
  metricsPort: z.number().int().min(1024).max(65535),
  /** Job history kept: finished jobs younger than this many days, at most `historyMaxJobs`. */
  historyDays: z.number().int().min(1).max(3650),
  historyMaxJobs: z.number().int().min(100).max(1_000_000),
  /** GitHub OAuth app client id for "Sign in with GitHub" (device flow); null hides the button. */
  oauthClientId: z.string().min(1).max(256).nullable(),
}

/** The name of a setting a user may change (a field of the settings form or a patch). */
export type SettingsFieldName = keyof typeof settingsFieldSchemas

/** Every such name, for schemas that point at one field (a refusal says which field to fix). */
export const SETTINGS_FIELD_NAMES = Object.keys(settingsFieldSchemas) as [
  SettingsFieldName,
  ...SettingsFieldName[],
]

/**
 * Settings that shape how runners are made: changing one restarts a running pool. Shared so a UI
 * can say "Restarting with the new settings" before the engine does it.
 */
export const RESTART_FIELDS = [
  'apiUrl',
  'labels',
  'runnerGroup',
  'image',
  'cpus',
  'memoryMb',
  'resourceLimits',
  'networkMode',
  'dockerAccess',
  'caches',
] as const satisfies readonly SettingsFieldName[]

const f = settingsFieldSchemas

/**
 * Moves a file written by an earlier version to today's fields, losing nothing: a single `target`
 * becomes the one entry of `targets`, and a fixed `maxRunners` stays the user's choice.
 */
export function migrateSettings(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw
  const { target, ...rest } = raw as Record<string, unknown>
  if (!('target' in raw) || 'targets' in raw) return 'target' in raw ? rest : raw
  return { ...rest, targets: target === null || target === undefined ? [] : [target] }
}

/**
 * Everything RunnerDock remembers between runs. Never the token: that lives in the keychain only.
 * Every field has a default so an older or partial file still loads; older files are migrated.
 */
export const settingsSchema = z.preprocess(
  migrateSettings,
  z.object({
    /** Tags our runners and containers so recovery never touches anyone else's. */
    installationId: z
      .string()
      .regex(/^[a-z0-9]{8}$/)
      .optional(),
    apiUrl: f.apiUrl.default(DEFAULT_API_URL),
    targets: f.targets.default([]),
    discoverRepositories: f.discoverRepositories.default(false),
    excludedTargets: f.excludedTargets.default([]),
    mode: f.mode.default('fixed'),
    desiredRunners: f.desiredRunners.default(1),
    minIdle: f.minIdle.default(0),
    maxRunners: f.maxRunners.default(null),
    idleTimeoutMinutes: f.idleTimeoutMinutes.default(5),
    allowPublic: f.allowPublic.default([]),
    labels: f.labels.default([]),
    runnerGroup: f.runnerGroup.default(null),
    image: f.image.default(DEFAULT_IMAGE),
    cpus: f.cpus.default(null),
    memoryMb: f.memoryMb.default(null),
    resourceLimits: f.resourceLimits.default(true),
    networkMode: f.networkMode.default(null),
    dockerAccess: f.dockerAccess.default(false),
    caches: f.caches.default(true),
    cacheLimitGb: f.cacheLimitGb.default(DEFAULT_CACHE_LIMIT_GB),
    startAtLogin: f.startAtLogin.default(false),
    runOnLaunch: f.runOnLaunch.default(false),
    notifyJobResults: f.notifyJobResults.default(false),
    notifyFailedJobs: f.notifyFailedJobs.default(true),
    metricsEnabled: f.metricsEnabled.default(false),
    metricsPort: f.metricsPort.default(9473),
    historyDays: f.historyDays.default(30),
    historyMaxJobs: f.historyMaxJobs.default(10_000),
    oauthClientId: f.oauthClientId.default(null),
    windows: z
      .object({
        dashboard: windowBoundsSchema.nullable().default(null),
        logs: windowBoundsSchema.nullable().default(null),
      })
      .default({ dashboard: null, logs: null }),
  }),
)
/** Validated settings with defaults applied. */
export type Settings = z.infer<typeof settingsSchema>

/** Settings for a first run. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({})
}

/** The first target: the one the token setup and the token page speak of. */
export function primaryTarget(
  settings: Pick<Settings, 'targets'>,
): Settings['targets'][number] | null {
  return settings.targets[0] ?? null
}

/**
 * The machine-wide maximum when the user set none: one runner per core, and no more than one per
 * 2 GB of memory (a job with a toolchain easily takes that), from 2 to 16.
 */
export function machineMaxRunners(cores: number, memoryBytes: number): number {
  const byMemory = Math.floor(memoryBytes / (2 * 1024 ** 3))
  return Math.max(2, Math.min(16, cores, byMemory))
}

/** The maximum in force: the user's, or the machine's. */
export function effectiveMaxRunners(
  settings: Pick<Settings, 'maxRunners'>,
  machine: { cores: number; memoryBytes: number },
): number {
  return settings.maxRunners ?? machineMaxRunners(machine.cores, machine.memoryBytes)
}

import { z } from 'zod'
import { cacheClearSchema, cacheListSchema } from './cache-status'
import { jobRecordSchema } from './job-record'
import { logEntrySchema, logSourceSchema } from './log-entry'
import { poolSnapshotSchema } from './pool-status'
import {
  RUNNER_CEILING,
  SETTINGS_FIELD_NAMES,
  settingsFieldSchemas,
  settingsSchema,
} from './settings'
import { targetSchema } from './target'
import { tokenCheckSchema } from './token-access'

/**
 * The one contract between the engine and every UI (GitHub Desktop `ipc-shared.ts`, VS Code's
 * service interfaces): each method and event with a runtime schema. The preload bridge, the
 * Electron IPC host, the headless WebSocket host and the renderer's client are all derived from
 * this object, so a channel cannot exist on one side only and no payload crosses unvalidated.
 */

/** An action's outcome: expected failures are values with a message for the user. */
export const actionResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), message: z.string() }),
])
/** The outcome of an action. */
export type ActionResult = z.infer<typeof actionResultSchema>

/** What the UI knows of the token: never the token itself. */
export const tokenStateSchema = z.object({
  host: z.string(),
  webUrl: z.string(),
  present: z.boolean(),
  source: z.enum(['keychain', 'environment']).nullable(),
  check: tokenCheckSchema.nullable(),
  /** Set when the keychain is locked or unavailable: a different problem from "no token". */
  keychainProblem: z.string().nullable(),
  /** GitHub's new-token page pre-filled with the scopes the chosen target needs. */
  newTokenUrl: z.string(),
})
/** The token panel's data. */
export type TokenState = z.infer<typeof tokenStateSchema>

/** GitHub's OAuth device flow, as the "Sign in with GitHub" panel shows it. */
export const deviceFlowStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle'), available: z.boolean() }),
  z.object({
    state: z.literal('pending'),
    userCode: z.string(),
    verificationUri: z.string(),
    expiresAt: z.number(),
  }),
  z.object({ state: z.literal('approved'), login: z.string().nullable() }),
  z.object({ state: z.literal('failed'), message: z.string() }),
])
/** The device flow's state. */
export type DeviceFlowState = z.infer<typeof deviceFlowStateSchema>

/** The settings a user may change from the UI (the installation id is not one of them). */
export const settingsPatchSchema = z.object(settingsFieldSchemas).partial().strict()
/** A partial settings update. */
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

/** A setting's name, so a refusal or a note can point at the field to fix. */
export const settingsFieldNameSchema = z.enum(SETTINGS_FIELD_NAMES)

/**
 * What the engine found when it checked a setting at save (the image is on this machine or will be
 * pulled at start, the network exists...), shown next to that field.
 */
export const fieldNoteSchema = z.object({
  field: settingsFieldNameSchema,
  level: z.enum(['ok', 'info', 'warn']),
  message: z.string(),
})
/** A note about one saved field. */
export type FieldNote = z.infer<typeof fieldNoteSchema>

/**
 * A settings save: saved (with what the checks found), or refused with the field to fix. Both
 * shapes are ActionResults, so callers that only need ok/message keep working.
 */
export const settingsResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), notes: z.array(fieldNoteSchema).optional() }),
  z.object({
    ok: z.literal(false),
    message: z.string(),
    field: settingsFieldNameSchema.optional(),
  }),
])
/** The outcome of a settings save. */
export type SettingsResult = z.infer<typeof settingsResultSchema>

/** Everything a UI draws on first load; later changes arrive as events. */
export const appStateSchema = z.object({
  snapshot: poolSnapshotSchema,
  settings: settingsSchema,
  settingsWarning: z.string().nullable(),
  token: tokenStateSchema,
  deviceFlow: deviceFlowStateSchema,
  host: z.enum(['electron', 'headless', 'cli']),
  version: z.string(),
})
/** The UI's initial state. */
export type AppState = z.infer<typeof appStateSchema>

/** A place to run runners, suggested from what the token can administer. */
export const targetSuggestionSchema = z.object({ target: targetSchema, label: z.string() })

/** A user-facing notice (toast, notification). */
export const noticeSchema = z.object({
  time: z.number(),
  level: z.enum(['info', 'warn', 'error']),
  runner: z.string().nullable(),
  message: z.string(),
})

const none = z.object({}).strict()
// A token as pasted: GitHub's formats are 40-255 characters without whitespace. The first max
// bounds what is trimmed (a megabyte of spaces around a token is not a paste).
const pastedToken = z
  .string()
  .max(1024)
  .trim()
  .min(20, 'That is too short to be a GitHub token.')
  .max(255)
  .regex(/^\S+$/, 'A token has no spaces.')

/** A repository discovery found, and why (the workflow lines that ask for self-hosted runners). */
export const discoveredRepoSchema = z.object({
  target: targetSchema,
  visibility: z.enum(['public', 'private', 'internal']),
  asks: z.enum(['yes', 'maybe']),
  reasons: z.array(z.string()),
})

/**
 * A generated file as the UI receives it: a bare file name (no folder, nothing a browser download
 * or a save could turn into a path elsewhere) and its whole text.
 */
export const exportedFileSchema = z.object({
  path: z
    .string()
    .max(255)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'A file name without folders.'),
  text: z.string(),
})
/** A generated file. */
export type ExportedFile = z.infer<typeof exportedFileSchema>

/**
 * The saved pool as files for actions-runner-controller (issue 12): one values file per target
 * for the `gha-runner-scale-set` chart at `chartVersion`, then the guide; or why it cannot be.
 */
export const arcExportResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    chartVersion: z.string(),
    files: z.array(exportedFileSchema).min(1),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
])
/** An ARC export's outcome. */
export type ArcExportResult = z.infer<typeof arcExportResultSchema>

/**
 * Saving the ARC export to a folder the user picks in the desktop app's own dialog: the folder and
 * the file names written, `folder: null` when the dialog was cancelled (nothing written).
 */
export const arcSaveResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), folder: z.string().nullable(), written: z.array(z.string()) }),
  z.object({ ok: z.literal(false), message: z.string() }),
])
/** A save's outcome. */
export type ArcSaveResult = z.infer<typeof arcSaveResultSchema>

/**
 * Every method the UI may call: input and output schemas. Every string and array in every input
 * has a maximum length (contract.test.ts walks them all), so no caller can make a host parse,
 * copy or store an unbounded value.
 */
export const methods = {
  getState: { input: none, output: appStateSchema },
  start: { input: none, output: actionResultSchema },
  stop: {
    input: z.object({ mode: z.enum(['drain', 'now']) }).strict(),
    output: actionResultSchema,
  },
  setDesired: {
    input: z.object({ count: z.number().int().min(0).max(RUNNER_CEILING) }).strict(),
    output: actionResultSchema,
  },
  retry: { input: none, output: actionResultSchema },
  updateSettings: {
    input: z.object({ patch: settingsPatchSchema }).strict(),
    output: settingsResultSchema,
  },
  /**
   * Checks Docker, the image, the network and (when one is saved) the token now, even before a
   * token exists or a pool runs; answers the snapshot with that fresh health (also published).
   */
  checkHealth: { input: none, output: poolSnapshotSchema },
  saveToken: { input: z.object({ token: pastedToken }).strict(), output: actionResultSchema },
  removeToken: { input: none, output: actionResultSchema },
  checkToken: { input: none, output: tokenStateSchema },
  startDeviceFlow: { input: none, output: actionResultSchema },
  cancelDeviceFlow: { input: none, output: actionResultSchema },
  suggestTargets: {
    input: none,
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), targets: z.array(targetSuggestionSchema) }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  /** Looks for every repository the token administers whose workflows ask for self-hosted runners. */
  discoverTargets: {
    input: none,
    output: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        checkedAt: z.number(),
        repos: z.array(discoveredRepoSchema),
      }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  /** Finished jobs from the history, newest first. */
  listJobs: {
    input: z
      .object({
        since: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
    output: z.object({ records: z.array(jobRecordSchema), problem: z.string().nullable() }),
  },
  /** The saved settings as ARC values files and a guide (generated by common/arc, never written). */
  exportArc: { input: none, output: arcExportResultSchema },
  /**
   * Desktop: asks for a folder in a native dialog and writes the same files there (never over a
   * file RunnerDock did not write). The page never names the folder or the files: both come from
   * the main process, so a compromised page cannot write anywhere. A browser downloads instead.
   */
  saveArcExport: { input: none, output: arcSaveResultSchema },
  readLogs: {
    input: z
      .object({
        runner: z.string().max(100).nullable(),
        afterSeq: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
    output: z.object({ entries: z.array(logEntrySchema), sources: z.array(logSourceSchema) }),
  },
  openExternal: {
    input: z.object({ url: z.string().max(2048).url() }).strict(),
    output: actionResultSchema,
  },
  /**
   * Every target's cache (tool cache and action archives) with its size and the cap; measured by
   * Docker on each call, so a UI asks when it shows them, not in a loop.
   */
  listCaches: {
    input: none,
    output: z.discriminatedUnion('ok', [
      cacheListSchema.extend({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  /**
   * Clears one target's caches (`OWNER/REPO`, `ORG` on the configured host, or a key as listed),
   * or every cache. A cache a running job uses is not pulled from under it: it is retired, new
   * runners start empty, and it goes when that runner is gone.
   */
  clearCaches: {
    input: z.object({ target: z.string().min(1).max(300).optional() }).strict(),
    output: z.discriminatedUnion('ok', [
      cacheClearSchema.extend({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  },
  /** Desktop: opens the log viewer window (a browser shows `#logs` in the same page instead). */
  openLogs: {
    input: z.object({ runner: z.string().max(100).nullable() }).strict(),
    output: actionResultSchema,
  },
} as const

/** Every event the engine sends to UIs: payload schemas. */
export const events = {
  snapshot: poolSnapshotSchema,
  logs: z.array(logEntrySchema),
  token: tokenStateSchema,
  settings: z.object({ settings: settingsSchema, warning: z.string().nullable() }),
  deviceFlow: deviceFlowStateSchema,
  notice: noticeSchema,
  /** A job ran here and is over (the History view and notifications follow it). */
  job: jobRecordSchema,
} as const

/** A method's name. */
export type MethodName = keyof typeof methods
/** A method's validated input. */
export type MethodInput<M extends MethodName> = z.infer<(typeof methods)[M]['input']>
/** A method's output. */
export type MethodOutput<M extends MethodName> = z.infer<(typeof methods)[M]['output']>
/** An event's name. */
export type EventName = keyof typeof events
/** An event's payload. */
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>

/** The engine as every host serves it and every client calls it. */
export type EngineApi = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> }

/** The method names, for hosts and bridges that register one handler each. */
export const methodNames = Object.keys(methods) as MethodName[]
/** The event names. */
export const eventNames = Object.keys(events) as EventName[]

/** The IPC channel of a method or event; one prefix so a host can refuse anything else. */
export function channelOf(name: MethodName | EventName): string {
  return `runnerdock:${name}`
}

/** Whether a string names a contract method (an untrusted caller may send anything). */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name)
}

/**
 * Validates an untrusted method call. Malformed input is a bug in (or an attack from) the caller,
 * so the error names the method and the first problem precisely.
 */
export function parseCall<M extends MethodName>(
  method: M,
  input: unknown,
): { ok: true; input: MethodInput<M> } | { ok: false; message: string } {
  const parsed = methods[method].input.safeParse(input ?? {})
  if (parsed.success) return { ok: true, input: parsed.data as MethodInput<M> }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : ''
  return {
    ok: false,
    message: `Invalid input for ${method}${where}: ${issue?.message ?? 'malformed'}`,
  }
}

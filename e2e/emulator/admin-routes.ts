// `/_emulator/...`: the admin API over HTTP (JSON), for tests that drive an emulator running in
// another process (`npm run emulator`). Bodies are validated; routes are listed in README.md.
import { z } from 'zod'
import { NotFound, type EmulatorAdmin } from './admin'
import type { Reply } from './http-io'
import { checkWorkflowPaths, PERMISSION_LEVELS } from './repo-store'

/** Path prefix of the admin routes. */
export const ADMIN_PREFIX = '/_emulator'

const tokenSpec = z.union([
  z.object({
    token: z.string().min(1),
    kind: z.literal('classic'),
    scopes: z.array(z.string()).optional(),
    login: z.string().optional(),
    userId: z.number().int().optional(),
  }),
  z.object({
    token: z.string().min(1),
    kind: z.literal('fine-grained'),
    canAdministerRunners: z.boolean(),
    login: z.string().optional(),
    userId: z.number().int().optional(),
  }),
])
const jobTarget = z.union([
  z.object({ owner: z.string().min(1), repo: z.string().min(1) }),
  z.object({ org: z.string().min(1), repo: z.string().min(1).optional() }),
])

const visibility = z.enum(['public', 'private', 'internal'])
const permission = z.enum(PERMISSION_LEVELS)
const workflows = z.record(z.string(), z.string()).superRefine((value, ctx) => {
  const problem = checkWorkflowPaths(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

const schemas = {
  latency: z.object({ ms: z.number().min(0) }),
  failNext: z.object({
    count: z.number().int().min(1),
    status: z.union([z.literal(500), z.literal(502), z.literal(503)]).optional(),
    pathPrefix: z.string().optional(),
  }),
  primary: z.object({
    remaining: z.number().int().min(0).optional(),
    resetInSeconds: z.number().min(0),
    status: z.union([z.literal(403), z.literal(429)]).optional(),
  }),
  secondary: z.object({
    count: z.number().int().min(1),
    retryAfterSeconds: z.number().int().min(0),
    status: z.union([z.literal(403), z.literal(429)]).optional(),
  }),
  tokens: z.object({ tokens: z.array(tokenSpec), acceptUnknownTokens: z.boolean().optional() }),
  revoke: z.object({ token: z.string().optional() }),
  account: z.object({
    orgs: z.array(z.string()).optional(),
    repos: z
      .array(
        z.object({
          owner: z.string(),
          name: z.string(),
          visibility: visibility.optional(),
          private: z.boolean().optional(),
          permission: permission.optional(),
          admin: z.boolean().optional(),
          workflows: workflows.optional(),
        }),
      )
      .optional(),
    anyRepositoryExists: z.boolean().optional(),
  }),
  repo: z.object({
    owner: z.string().min(1),
    repo: z.string().min(1),
    visibility: visibility.optional(),
    permission: permission.optional(),
    workflows: workflows.optional(),
  }),
  group: z.object({
    org: z.string().min(1),
    name: z.string().min(1),
    visibility: z.enum(['all', 'selected', 'private']).optional(),
    allowsPublicRepositories: z.boolean().optional(),
    selectedRepositories: z.array(z.string().min(1)).optional(),
  }),
  startup: z.object({ delayMs: z.number().min(0) }),
  deviceFlow: z.object({
    intervalSeconds: z.number().min(0).optional(),
    expiresInSeconds: z.number().min(0).optional(),
  }),
  approve: z.object({ userCode: z.string().min(1), token: z.string().min(1).optional() }),
  outage: z.object({ on: z.boolean() }),
  job: z.object({
    target: jobTarget,
    name: z.string().min(1),
    labels: z.array(z.string()),
    script: z.string(),
    runId: z.number().int().optional(),
    waiting: z.boolean().optional(),
    workflowName: z.string().min(1).optional(),
    headBranch: z.string().min(1).optional(),
  }),
}

type Action = (body: unknown) => unknown

/** Parses with `schema`, then runs `run`; a bad body throws a `BadRequest`. */
function withBody<T>(schema: z.ZodType<T>, run: (value: T) => unknown): Action {
  return (body) => {
    const parsed = schema.safeParse(body)
    if (!parsed.success) throw new BadRequest(z.prettifyError(parsed.error))
    return run(parsed.data)
  }
}

class BadRequest extends Error {}

function actions(admin: EmulatorAdmin): Record<string, Action> {
  return {
    'POST /reset': () => admin.reset(),
    'GET /stats': () => admin.stats(),
    'POST /stats/reset': () => admin.resetStats(),
    'GET /runners': () => admin.runners(),
    'GET /jobs': () => admin.jobs(),
    'POST /jobs': withBody(schemas.job, ({ target, ...job }) => ({
      id: admin.queueJob(target, job),
    })),
    'POST /latency': withBody(schemas.latency, ({ ms }) => admin.setLatency(ms)),
    'POST /fail-next': withBody(schemas.failNext, (b) =>
      admin.failNext(b.count, b.status, b.pathPrefix),
    ),
    'POST /primary-rate-limit': withBody(schemas.primary, (b) => admin.primaryRateLimit(b)),
    'POST /secondary-rate-limit': withBody(schemas.secondary, (b) => admin.secondaryRateLimit(b)),
    'POST /tokens': withBody(schemas.tokens, (b) => admin.setTokens(b.tokens, b)),
    'POST /tokens/revoke': withBody(schemas.revoke, (b) => admin.revokeToken(b.token)),
    'POST /account': withBody(schemas.account, (b) => admin.setAccount(b)),
    'POST /repos': withBody(schemas.repo, (b) => admin.setRepo(b)),
    'POST /runner-groups': withBody(schemas.group, ({ org, name, ...options }) => ({
      id: admin.addRunnerGroup(org, name, options),
    })),
    'POST /runner-startup': withBody(schemas.startup, (b) =>
      admin.setRunnerStartupDelay(b.delayMs),
    ),
    'POST /device-flow': withBody(schemas.deviceFlow, (b) => admin.setDeviceFlow(b)),
    'POST /devices/approve': withBody(schemas.approve, (b) => ({
      token: admin.approveDevice(b.userCode, b.token),
    })),
    'POST /runner-outage': withBody(schemas.outage, (b) => admin.setRunnerOutage(b.on)),
  }
}

/** Answers an admin request (`path` without the prefix). */
export function handleAdmin(
  admin: EmulatorAdmin,
  method: string,
  path: string,
  body: unknown,
): Reply {
  const jobMatch = /^\/jobs\/(\d+)$/.exec(path)
  if (method === 'GET' && jobMatch) {
    const job = admin.job(Number(jobMatch[1]))
    return job ? { status: 200, body: job } : { status: 404, body: { message: 'No such job' } }
  }
  const approveMatch = /^\/jobs\/(\d+)\/approve$/.exec(path)
  const action =
    method === 'POST' && approveMatch
      ? () => admin.approveJob(Number(approveMatch[1]))
      : actions(admin)[`${method} ${path}`]
  if (!action) return { status: 404, body: { message: `No admin route ${method} ${path}` } }
  try {
    const result = action(body)
    return { status: 200, body: result ?? { ok: true } }
  } catch (error) {
    const status = error instanceof BadRequest ? 400 : error instanceof NotFound ? 404 : 409
    return { status, body: { message: error instanceof Error ? error.message : String(error) } }
  }
}

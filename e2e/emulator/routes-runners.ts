// Self-hosted runner endpoints (docs/github-facts.md, "REST endpoints"), for repositories and
// organizations alike: generate-jitconfig, registration-token, list, get, delete, runner groups.
import { randomBytes, randomUUID } from 'node:crypto'
import type {
  JitConfigRequest,
  JitConfigResponse,
  RegistrationToken,
  RunnerGroupList,
  RunnerList,
} from './github-types'
import type { Reply } from './http-io'
import { asRecord } from './http-io'
import { encodeJitConfig } from './jit-config'
import { findRepo } from './repo-access'
import {
  DOCS,
  errorReply,
  jsonReply,
  paginate,
  validationReply,
  type RestContext,
  type RestHandler,
} from './rest-context'
import type { Route } from './router'
import { scopeWebUrl, type Scope } from './scope'
import { runnerBody, runnerGroup } from './shapes'

type ScopedHandler = (ctx: RestContext, scope: Scope) => Reply

/** Classic scopes GitHub accepts for runner endpoints (sent back as `X-Accepted-OAuth-Scopes`). */
function acceptedScopes(scope: Scope): readonly string[] {
  return scope.kind === 'repo' ? ['repo'] : ['admin:org', 'manage_runners:org']
}

/** 404 for a repository or organization that does not exist, 403 unless the token may administer its runners. */
function denyUnlessRunnerAdmin(ctx: RestContext, scope: Scope): Reply | null {
  const { identity, state } = ctx
  const repo = scope.kind === 'repo' ? findRepo(state, scope.owner, scope.repo, DOCS.runners) : null
  if (repo && !repo.ok) return repo.reply
  if (scope.kind === 'org' && !state.account.orgExists(scope.org)) {
    return errorReply(404, 'Not Found', DOCS.runners)
  }
  if (identity.kind === 'fine-grained' && !identity.canAdministerRunners) {
    return errorReply(403, 'Resource not accessible by personal access token', DOCS.runners)
  }
  if (
    identity.kind === 'classic' &&
    !acceptedScopes(scope).some((s) => identity.scopes.includes(s))
  ) {
    return scope.kind === 'repo'
      ? errorReply(403, 'Must have admin rights to Repository.', DOCS.runners)
      : errorReply(403, 'You must be an org admin to access this resource.', DOCS.runners)
  }
  if (repo?.ok && repo.repo.permission !== 'admin') {
    return errorReply(403, 'Must have admin rights to Repository.', DOCS.runners)
  }
  return null
}

/** Wraps a scoped handler: scope from the path, permission check, accepted-scopes header. */
function scoped(kind: Scope['kind'], handler: ScopedHandler): RestHandler {
  return (ctx) => {
    const { owner = '', repo = '', org = '' } = ctx.params
    const scope: Scope = kind === 'repo' ? { kind, owner, repo } : { kind, org }
    const reply = denyUnlessRunnerAdmin(ctx, scope) ?? handler(ctx, scope)
    const headers = {
      'X-Accepted-OAuth-Scopes': acceptedScopes(scope).join(', '),
      ...reply.headers,
    }
    return { ...reply, headers }
  }
}

/** Checks the body of generate-jitconfig; a string is the 422 detail. */
function parseJitRequest(body: unknown): JitConfigRequest | string {
  const record = asRecord(body)
  if (!record) return 'Body must be a JSON object.'
  const { name, runner_group_id: groupId, labels, work_folder: workFolder } = record
  if (typeof name !== 'string' || name.trim() === '') return '"name" is a required string.'
  if (typeof groupId !== 'number' || !Number.isInteger(groupId)) {
    return '"runner_group_id" is a required integer.'
  }
  if (!Array.isArray(labels) || labels.length < 1 || labels.length > 100) {
    return '"labels" must be an array of 1 to 100 strings.'
  }
  if (!labels.every((l): l is string => typeof l === 'string' && l.trim() !== '')) {
    return '"labels" must contain only non-empty strings.'
  }
  if (workFolder !== undefined && typeof workFolder !== 'string')
    return '"work_folder" must be a string.'
  return {
    name,
    runner_group_id: groupId,
    labels,
    ...(workFolder ? { work_folder: workFolder } : {}),
  }
}

const generateJitConfig: ScopedHandler = (ctx, scope) => {
  const request = parseJitRequest(ctx.body)
  if (typeof request === 'string') return validationReply(request, DOCS.runners)
  const { state } = ctx
  const groups =
    scope.kind === 'repo' ? [{ id: 1, name: 'Default' }] : state.account.groups.of(scope.org)
  const group = groups.find((g) => g.id === request.runner_group_id)
  if (!group) return errorReply(404, 'Not Found', DOCS.runners)
  const runner = state.runners.create(scope, {
    name: request.name,
    groupId: group.id,
    labels: request.labels,
    workFolder: request.work_folder ?? '_work',
  })
  if (runner === 'name-taken') {
    const message = `Already exists - A runner with the name ${request.name} already exists.`
    return errorReply(409, message, DOCS.runners)
  }
  const serverUrl = `${state.runnerBaseUrl}/_runner`
  const encoded = encodeJitConfig({
    runner: {
      agentId: runner.id,
      agentName: runner.name,
      poolId: group.id,
      poolName: group.name,
      serverUrl,
      gitHubUrl: scopeWebUrl(scope),
      workFolder: runner.workFolder,
      ephemeral: true,
      disableUpdate: true,
      ...(state.runnerStartupDelayMs > 0
        ? { standInStartupDelayMs: state.runnerStartupDelayMs }
        : {}),
    },
    credentials: {
      scheme: 'OAuth',
      data: {
        clientId: randomUUID(),
        authorizationUrl: `${serverUrl}/oauth2/token`,
        requireFipsCryptography: 'False',
        runnerSecret: runner.secret,
      },
    },
    rsaParams: Object.fromEntries(
      ['d', 'dp', 'dq', 'exponent', 'inverseQ', 'modulus', 'p', 'q'].map((k) => [
        k,
        randomBytes(k === 'exponent' ? 3 : 64).toString('base64'),
      ]),
    ),
  })
  const body: JitConfigResponse = {
    runner: runnerBody(runner, 'offline', false),
    encoded_jit_config: encoded,
  }
  return jsonReply(201, body)
}

const registrationToken: ScopedHandler = () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const token = [...randomBytes(29)].map((b) => alphabet[b % alphabet.length]).join('')
  const body: RegistrationToken = {
    token,
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
  }
  return jsonReply(201, body)
}

const listRunners: ScopedHandler = (ctx, scope) => {
  const { dispatcher, runners } = ctx.state
  const all = runners
    .list(scope)
    .map((r) => runnerBody(r, dispatcher.status(r), dispatcher.busy(r)))
  const { page, headers } = paginate(all, ctx.url, ctx.api)
  const body: RunnerList = { total_count: all.length, runners: page }
  return jsonReply(200, body, headers)
}

const getRunner: ScopedHandler = (ctx, scope) => {
  const { dispatcher, runners } = ctx.state
  const runner = runners.find(scope, Number(ctx.params['runner_id']))
  if (!runner) return errorReply(404, 'Not Found', DOCS.runners)
  return jsonReply(200, runnerBody(runner, dispatcher.status(runner), dispatcher.busy(runner)))
}

const deleteRunner: ScopedHandler = (ctx, scope) => {
  const { dispatcher, runners } = ctx.state
  const runner = runners.find(scope, Number(ctx.params['runner_id']))
  if (!runner) return errorReply(404, 'Not Found', DOCS.runners)
  if (dispatcher.busy(runner)) {
    // GitHub's message, stray quote included.
    return errorReply(
      422,
      `Bad request - Runner "${runner.name}" is still running a job"`,
      DOCS.runners,
    )
  }
  dispatcher.deleteRunner(runner)
  return { status: 204 }
}

const listRunnerGroups: ScopedHandler = (ctx, scope) => {
  const org = scope.kind === 'org' ? scope.org : scope.owner
  const groups = ctx.state.account.groups.of(org).map((g) => runnerGroup(ctx.api, org, g))
  const { page, headers } = paginate(groups, ctx.url, ctx.api)
  const body: RunnerGroupList = { total_count: groups.length, runner_groups: page }
  return jsonReply(200, body, headers)
}

const REPO = '/repos/{owner}/{repo}/actions/runners'
const ORG = '/orgs/{org}/actions/runners'

/** The runner routes, repository and organization variants. */
export const runnerRoutes: readonly Route<RestHandler>[] = [
  ...(
    [
      ['repo', REPO],
      ['org', ORG],
    ] as const
  ).flatMap(([kind, base]) => [
    {
      method: 'POST',
      template: `${base}/generate-jitconfig`,
      handler: scoped(kind, generateJitConfig),
    },
    {
      method: 'POST',
      template: `${base}/registration-token`,
      handler: scoped(kind, registrationToken),
    },
    { method: 'GET', template: base, handler: scoped(kind, listRunners) },
    { method: 'GET', template: `${base}/{runner_id}`, handler: scoped(kind, getRunner) },
    { method: 'DELETE', template: `${base}/{runner_id}`, handler: scoped(kind, deleteRunner) },
  ]),
  {
    method: 'GET',
    template: '/orgs/{org}/actions/runner-groups',
    handler: scoped('org', listRunnerGroups),
  },
]

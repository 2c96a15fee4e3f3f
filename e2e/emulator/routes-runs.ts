// Demand signals: workflow runs (filtered by `status` as GitHub filters them: a status or a
// conclusion), a run's jobs, and single runs and jobs, as the app reads them to size the pool.
import type { WorkflowJob, WorkflowJobList, WorkflowRun, WorkflowRunList } from './github-types'
import type { JobRecord } from './job-store'
import { findRepo, ownerTypeOf, type RepoLookup } from './repo-access'
import {
  DOCS,
  errorReply,
  jsonReply,
  paginate,
  type RestContext,
  type RestHandler,
} from './rest-context'
import type { Route } from './router'
import { workflowJob, workflowRun, type RunRepository } from './shapes-runs'

function lookup(ctx: RestContext, docs: string): RepoLookup {
  const { owner = '', repo = '' } = ctx.params
  return findRepo(ctx.state, owner, repo, docs)
}

function runRepository(ctx: RestContext, found: RepoLookup & { ok: true }): RunRepository {
  return { record: found.repo, ownerType: ownerTypeOf(ctx.state, found.repo.owner) }
}

/** Every job's id and status: what a runs list's ETag follows besides the body. */
function jobsSeed(jobs: readonly JobRecord[]): string {
  return jobs.map((j) => `${j.id}:${j.status}`).join(',')
}

const listRuns: RestHandler = (ctx) => {
  const found = lookup(ctx, DOCS.runs)
  if (!found.ok) return found.reply
  const { jobs } = ctx.state
  const repo = runRepository(ctx, found)
  const wanted = ctx.query.get('status')
  const branch = ctx.query.get('branch')
  const listed = jobs
    .runsOf(found.repo.owner, found.repo.name)
    .map((run) => ({ run, jobs: jobs.jobsOf(run) }))
    .map((r) => ({ ...r, body: workflowRun(ctx.api, r.run, r.jobs, repo) }))
    .filter(({ body }) => !wanted || body.status === wanted || body.conclusion === wanted)
    .filter(({ body }) => !branch || body.head_branch === branch)
  const { page, headers } = paginate(listed, ctx.url, ctx.api)
  const body: WorkflowRunList = {
    total_count: listed.length,
    workflow_runs: page.map((r): WorkflowRun => r.body),
  }
  return { ...jsonReply(200, body, headers), etagSeed: jobsSeed(page.flatMap((r) => r.jobs)) }
}

const getRun: RestHandler = (ctx) => {
  const found = lookup(ctx, DOCS.runs)
  if (!found.ok) return found.reply
  const { jobs } = ctx.state
  const run = jobs.run(found.repo.owner, found.repo.name, Number(ctx.params['run_id']))
  if (!run) return errorReply(404, 'Not Found', DOCS.runs)
  const runJobs = jobs.jobsOf(run)
  const body = workflowRun(ctx.api, run, runJobs, runRepository(ctx, found))
  return { ...jsonReply(200, body), etagSeed: jobsSeed(runJobs) }
}

const listJobs: RestHandler = (ctx) => {
  const found = lookup(ctx, DOCS.jobs)
  if (!found.ok) return found.reply
  const { jobs } = ctx.state
  const run = jobs.run(found.repo.owner, found.repo.name, Number(ctx.params['run_id']))
  if (!run) return errorReply(404, 'Not Found', DOCS.jobs)
  // Every run has one attempt here, so `filter=latest` (the default) and `filter=all` agree.
  const all = jobs.jobsOf(run).map((job) => workflowJob(ctx.api, job, run))
  const { page, headers } = paginate(all, ctx.url, ctx.api)
  const body: WorkflowJobList = { total_count: all.length, jobs: page }
  return jsonReply(200, body, headers)
}

const getJob: RestHandler = (ctx) => {
  const found = lookup(ctx, DOCS.jobs)
  if (!found.ok) return found.reply
  const { jobs } = ctx.state
  const job = jobs.get(Number(ctx.params['job_id']))
  const run = job && jobs.run(found.repo.owner, found.repo.name, job.runId)
  if (!job || !run) return errorReply(404, 'Not Found', DOCS.jobs)
  const body: WorkflowJob = workflowJob(ctx.api, job, run)
  return jsonReply(200, body)
}

/** Workflow run and job routes. */
export const runRoutes: readonly Route<RestHandler>[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/actions/runs', handler: listRuns },
  { method: 'GET', template: '/repos/{owner}/{repo}/actions/runs/{run_id}', handler: getRun },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
    handler: listJobs,
  },
  { method: 'GET', template: '/repos/{owner}/{repo}/actions/jobs/{job_id}', handler: getJob },
]

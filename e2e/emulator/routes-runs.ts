// Demand signals: queued workflow runs and their jobs, as the app reads them to size the pool.
import type { WorkflowJobList, WorkflowRun } from './github-types'
import { DOCS, errorReply, jsonReply, paginate, type RestHandler } from './rest-context'
import type { Route } from './router'
import { workflowJob, workflowRun } from './shapes'

const listRuns: RestHandler = (ctx) => {
  const { owner = '', repo = '' } = ctx.params
  const { jobs } = ctx.state
  const wanted = ctx.query.get('status')
  const runs: WorkflowRun[] = jobs
    .runsOf(owner, repo)
    .map((run) => workflowRun(ctx.api, run, jobs.jobsOf(run)))
    .filter((run) => !wanted || run.status === wanted || run.conclusion === wanted)
  const { page, headers } = paginate(runs, ctx.url, ctx.api)
  return jsonReply(200, { total_count: runs.length, workflow_runs: page }, headers)
}

const listJobs: RestHandler = (ctx) => {
  const { owner = '', repo = '', run_id: runId = '' } = ctx.params
  const { jobs } = ctx.state
  const run = jobs.run(owner, repo, Number(runId))
  if (!run) return errorReply(404, 'Not Found', DOCS.jobs)
  const all = jobs.jobsOf(run).map((job) => workflowJob(ctx.api, job, run.name))
  const { page, headers } = paginate(all, ctx.url, ctx.api)
  const body: WorkflowJobList = { total_count: all.length, jobs: page }
  return jsonReply(200, body, headers)
}

/** Workflow run and job routes. */
export const runRoutes: readonly Route<RestHandler>[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/actions/runs', handler: listRuns },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
    handler: listJobs,
  },
]

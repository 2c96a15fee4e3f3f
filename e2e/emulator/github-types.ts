// GitHub's documented request and response shapes, taken from @octokit/openapi-types so the
// emulator's answers cannot drift from what Octokit (and therefore the app) is typed against.
import type { components, operations } from '@octokit/openapi-types'

type Schemas = components['schemas']
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never

/** A self-hosted runner as every runner endpoint returns it. */
export type Runner = Schemas['runner']
/** One label of a runner. */
export type RunnerLabel = Schemas['runner-label']
/** Body of `POST .../actions/runners/generate-jitconfig` (repo and org take the same). */
export type JitConfigRequest = Json<
  operations['actions/generate-runner-jitconfig-for-repo']['requestBody']
>
/** 201 answer of `generate-jitconfig`. */
export type JitConfigResponse = Json<
  operations['actions/generate-runner-jitconfig-for-repo']['responses'][201]
>
/** 201 answer of `POST .../actions/runners/registration-token`. */
export type RegistrationToken = Schemas['authentication-token']
/** 200 answer of `GET .../actions/runners`. */
export type RunnerList = Json<
  operations['actions/list-self-hosted-runners-for-repo']['responses'][200]
>
/** A runner group of an organization. */
export type RunnerGroup = Schemas['runner-groups-org']
/** 200 answer of `GET /orgs/{org}/actions/runner-groups`. */
export type RunnerGroupList = Json<
  operations['actions/list-self-hosted-runner-groups-for-org']['responses'][200]
>
/** `GET /user` for a token's owner. */
export type PublicUser = Schemas['public-user']
/** The owner object embedded in repositories and runs. */
export type SimpleUser = Schemas['simple-user']
/** An entry of `GET /user/orgs`. */
export type OrganizationSimple = Schemas['organization-simple']
/** An entry of `GET /user/repos`: the fields the emulator fills, typed from GitHub's schema. */
export type RepositorySummary = Pick<
  Schemas['repository'],
  | 'id'
  | 'node_id'
  | 'name'
  | 'full_name'
  | 'owner'
  | 'private'
  | 'html_url'
  | 'url'
  | 'description'
  | 'fork'
  | 'archived'
  | 'disabled'
  | 'visibility'
  | 'default_branch'
  | 'permissions'
>
/** `GET /repos/{owner}/{repo}`: the fields the emulator fills, typed from GitHub's schema. */
export type FullRepositorySummary = Pick<
  Schemas['full-repository'],
  keyof RepositorySummary | 'created_at' | 'updated_at' | 'pushed_at'
>
/** A workflow run; its repository objects are reduced to the fields the emulator fills. */
export type WorkflowRun = Omit<Schemas['workflow-run'], 'repository' | 'head_repository'> & {
  repository: Pick<
    Schemas['minimal-repository'],
    keyof RepositorySummary & keyof Schemas['minimal-repository']
  >
  head_repository: Pick<
    Schemas['minimal-repository'],
    keyof RepositorySummary & keyof Schemas['minimal-repository']
  >
}
/** A workflow job. */
export type WorkflowJob = Schemas['job']
/** 200 answer of `GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs`. */
export type WorkflowJobList = Json<
  operations['actions/list-jobs-for-workflow-run']['responses'][200]
>
/** GitHub's error body (`basic-error`), with `status` as GitHub now sends it. */
export type BasicError = Schemas['basic-error']
/** GitHub's 422 body (`validation-error-simple`). */
export type ValidationErrorSimple = Schemas['validation-error-simple']

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
/** An entry of `GET /user/repos`. */
export type Repository = Schemas['repository']
/** `GET /repos/{owner}/{repo}`. */
export type FullRepository = Schemas['full-repository']
/** An entry of `GET /orgs/{org}/repos`, and the repository a workflow run embeds. */
export type MinimalRepository = Schemas['minimal-repository']
/** A repository's `permissions` object. */
export type RepositoryPermissions = NonNullable<Schemas['full-repository']['permissions']>
/** A workflow run. */
export type WorkflowRun = Schemas['workflow-run']
/** 200 answer of `GET /repos/{owner}/{repo}/actions/runs`. */
export type WorkflowRunList = Json<
  operations['actions/list-workflow-runs-for-repo']['responses'][200]
>
/** A workflow job. */
export type WorkflowJob = Schemas['job']
/** 200 answer of `GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs`. */
export type WorkflowJobList = Json<
  operations['actions/list-jobs-for-workflow-run']['responses'][200]
>
/** A file through the contents API (`GET /repos/{owner}/{repo}/contents/{path}`). */
export type ContentFile = Schemas['content-file']
/** A directory through the contents API: its entries. */
export type ContentDirectory = Schemas['content-directory']
/** One entry of a directory listing. */
export type ContentDirectoryEntry = ContentDirectory[number]
/** GitHub's error body (`basic-error`), with `status` as GitHub now sends it. */
export type BasicError = Schemas['basic-error']
/** GitHub's 422 body (`validation-error-simple`). */
export type ValidationErrorSimple = Schemas['validation-error-simple']

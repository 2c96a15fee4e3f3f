// The contents API for the files the emulator keeps (workflow files): a directory answers its
// entries, a file its base64 `content` (or its bytes with `application/vnd.github.raw`), anything
// else 404; `ref` may name the default branch only.
import { findRepo } from './repo-access'
import { lookupPath } from './repo-files'
import { DOCS, errorReply, jsonReply, type RestHandler } from './rest-context'
import type { Route } from './router'
import { contentEntry, contentFile, type ContentOrigin } from './shapes-contents'

const DEFAULT_BRANCH = 'main'

const getContent: RestHandler = (ctx) => {
  const { owner = '', repo = '', path = '' } = ctx.params
  const found = findRepo(ctx.state, owner, repo, DOCS.contents)
  if (!found.ok) return found.reply
  const ref = ctx.query.get('ref')
  if (ref !== null && ref !== DEFAULT_BRANCH && ref !== `refs/heads/${DEFAULT_BRANCH}`) {
    return errorReply(404, `No commit found for the ref ${ref}`, DOCS.contents)
  }
  const { files } = found.repo
  if (files.size === 0) return errorReply(404, 'This repository is empty.', DOCS.contents)
  const origin: ContentOrigin = {
    api: ctx.api,
    owner: found.repo.owner,
    repo: found.repo.name,
    branch: DEFAULT_BRANCH,
  }
  const looked = lookupPath(files, path)
  if (looked.kind === 'missing') return errorReply(404, 'Not Found', DOCS.contents)
  if (looked.kind === 'dir')
    return jsonReply(
      200,
      looked.items.map((i) => contentEntry(origin, i)),
    )
  if (ctx.accept.includes('application/vnd.github.raw')) {
    return {
      status: 200,
      text: looked.text,
      headers: { 'Content-Type': 'application/vnd.github.raw; charset=utf-8' },
    }
  }
  return jsonReply(200, contentFile(origin, looked.item, looked.text))
}

/** Contents routes: the repository root and any path below it. */
export const contentRoutes: readonly Route<RestHandler>[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/contents', handler: getContent },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/contents/{path}',
    handler: getContent,
    greedyLast: true,
  },
]

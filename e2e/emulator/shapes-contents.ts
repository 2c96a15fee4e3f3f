// Contents API bodies as GitHub sends them (`GET /repos/{owner}/{repo}/contents/{path}`), typed
// with @octokit/openapi-types: a directory's entries, and a file with its base64 `content`.
import { githubBase64 } from './git-objects'
import type { ContentDirectoryEntry, ContentFile } from './github-types'
import type { RepoItem } from './repo-files'

/** Which repository and branch the items belong to. */
export interface ContentOrigin {
  readonly api: string
  readonly owner: string
  readonly repo: string
  readonly branch: string
}

/** One entry of a directory listing (GitHub gives entries no `content`). */
export function contentEntry(origin: ContentOrigin, item: RepoItem): ContentDirectoryEntry {
  const { api, owner, repo, branch } = origin
  const repoApi = `${api}/repos/${owner}/${repo}`
  const url = `${repoApi}/contents/${item.path}?ref=${encodeURIComponent(branch)}`
  const gitUrl = `${repoApi}/git/${item.kind === 'dir' ? 'trees' : 'blobs'}/${item.sha}`
  const htmlUrl = `https://github.com/${owner}/${repo}/${item.kind === 'dir' ? 'tree' : 'blob'}/${branch}/${item.path}`
  return {
    name: item.name,
    path: item.path,
    sha: item.sha,
    size: item.size,
    url,
    html_url: htmlUrl,
    git_url: gitUrl,
    download_url:
      item.kind === 'dir'
        ? null
        : `https://raw.githubusercontent.com/${owner}/${repo}/${branch}/${item.path}`,
    type: item.kind,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  }
}

/** A file with its text as `content`: base64 wrapped as GitHub wraps it, `encoding: base64`. */
export function contentFile(origin: ContentOrigin, item: RepoItem, text: string): ContentFile {
  const { name, path, sha, size, url, html_url, git_url, download_url, _links } = contentEntry(
    origin,
    item,
  )
  return {
    name,
    path,
    sha,
    size,
    url,
    html_url,
    git_url,
    download_url,
    type: 'file',
    content: githubBase64(text),
    encoding: 'base64',
    _links,
  }
}

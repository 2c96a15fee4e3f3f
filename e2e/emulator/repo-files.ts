// A repository's files as a tree: the directories the contents API lists are the ones its file
// paths imply, each with git's object id, so `sha` values are what git itself would give.
import { blobSha, byGitOrder, treeSha, type TreeEntry } from './git-objects'

/** One item of a directory, or the item a path names. */
export interface RepoItem {
  readonly kind: 'file' | 'dir'
  readonly name: string
  /** Path from the repository root, without leading or trailing slashes ('' is the root). */
  readonly path: string
  readonly sha: string
  /** Bytes of a file; 0 for a directory (as GitHub reports it). */
  readonly size: number
}

/** What a path names: a file with its text, a directory with its items, or nothing. */
export type RepoPathLookup =
  | { readonly kind: 'file'; readonly item: RepoItem; readonly text: string }
  | { readonly kind: 'dir'; readonly item: RepoItem; readonly items: readonly RepoItem[] }
  | { readonly kind: 'missing' }

/** Looks `path` up among `files` (repository path to text). */
export function lookupPath(files: ReadonlyMap<string, string>, path: string): RepoPathLookup {
  const clean = path.replace(/^\/+|\/+$/g, '')
  const text = files.get(clean)
  if (text !== undefined) return { kind: 'file', item: fileItem(clean, text), text }
  const items = children(files, clean)
  if (items.length === 0) return { kind: 'missing' }
  return { kind: 'dir', item: dirItem(clean, items), items }
}

function children(files: ReadonlyMap<string, string>, dir: string): RepoItem[] {
  const prefix = dir === '' ? '' : `${dir}/`
  const names = new Map<string, 'file' | 'dir'>()
  for (const path of files.keys()) {
    if (!path.startsWith(prefix)) continue
    const [name = '', ...rest] = path.slice(prefix.length).split('/')
    if (name !== '') names.set(name, rest.length > 0 ? 'dir' : 'file')
  }
  const items = [...names].map(([name, kind]): RepoItem => {
    const path = `${prefix}${name}`
    return kind === 'file'
      ? fileItem(path, files.get(path) ?? '')
      : dirItem(path, children(files, path))
  })
  return items.sort((a, b) => byGitOrder(asEntry(a), asEntry(b)))
}

function fileItem(path: string, text: string): RepoItem {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return { kind: 'file', name, path, sha: blobSha(text), size: Buffer.byteLength(text) }
}

function dirItem(path: string, items: readonly RepoItem[]): RepoItem {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return { kind: 'dir', name, path, sha: treeSha(items.map(asEntry)), size: 0 }
}

function asEntry(item: RepoItem): TreeEntry {
  return { name: item.name, kind: item.kind === 'dir' ? 'tree' : 'blob', sha: item.sha }
}

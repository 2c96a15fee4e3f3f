// Git's object ids and GitHub's base64, so the contents API answers with the `sha` values a real
// repository would have and `content` wrapped the way GitHub wraps it.
import { createHash } from 'node:crypto'

/** A tree entry: a file (blob) or a directory (tree), by name and object id. */
export interface TreeEntry {
  readonly name: string
  readonly kind: 'blob' | 'tree'
  readonly sha: string
}

/** The blob id git gives `content`: sha1 of `blob <size>\0<bytes>`. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8')
  return sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
}

/** The tree id git gives a directory: sha1 of its mode/name/id entries in git's order. */
export function treeSha(entries: readonly TreeEntry[]): string {
  const body = Buffer.concat(
    [...entries]
      .sort(byGitOrder)
      .map((e) =>
        Buffer.concat([
          Buffer.from(`${e.kind === 'tree' ? '40000' : '100644'} ${e.name}\0`),
          Buffer.from(e.sha, 'hex'),
        ]),
      ),
  )
  return sha1(Buffer.concat([Buffer.from(`tree ${body.length}\0`), body]))
}

/** Git sorts tree entries bytewise, a directory as if its name ended with `/`. */
export function byGitOrder(a: TreeEntry, b: TreeEntry): number {
  const key = (e: TreeEntry) => Buffer.from(e.kind === 'tree' ? `${e.name}/` : e.name)
  return Buffer.compare(key(a), key(b))
}

/**
 * Base64 as the contents API sends it: a line break after every 60 characters and at the end
 * (Ruby's `Base64.encode64`, which GitHub's answers match).
 */
export function githubBase64(content: string): string {
  const encoded = Buffer.from(content, 'utf8').toString('base64')
  if (encoded === '') return ''
  return `${encoded.match(/.{1,60}/g)!.join('\n')}\n`
}

function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex')
}

// Git object ids and GitHub's base64: the contents API's `sha` values must be the ones git itself
// computes, and `content` must decode back to the file exactly.
import { describe, expect, it } from 'vitest'
import { blobSha, githubBase64 } from './git-objects'
import { lookupPath } from './repo-files'

// Ids from `git ls-tree` of a repository holding exactly these files.
const FILES = new Map([
  ['.github/workflows/ci.yml', 'name: CI\non: push\n'],
  ['.github/workflows/deploy.yaml', 'name: Deploy\n'],
  ['README.md', 'hi\n'],
])

describe('git object ids', () => {
  it('gives a blob the id git gives it', () => {
    expect(blobSha('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a')
    expect(blobSha(FILES.get('.github/workflows/ci.yml')!)).toBe(
      '9fabda1af8f6c38ad0b758387ea4a54543eb5066',
    )
  })

  it('gives every directory the tree id git gives it, entries in git order', () => {
    const root = lookupPath(FILES, '')
    expect(root.kind).toBe('dir')
    if (root.kind !== 'dir') return
    expect(root.item.sha).toBe('72d65a02fccc39f64037235486a808652da840ef')
    expect(root.items.map((i) => [i.name, i.kind, i.sha])).toEqual([
      ['.github', 'dir', '94511c44a9a65f9998e848e513a87842ce16e55a'],
      ['README.md', 'file', '45b983be36b73c0788dc9cbcb76cbb80fc7bb057'],
    ])
    const workflows = lookupPath(FILES, '.github/workflows/')
    expect(workflows.kind === 'dir' && workflows.item.sha).toBe(
      '91ece29f49ec1775f91c8228f16edf4834cfe617',
    )
    expect(workflows.kind === 'dir' && workflows.items.map((i) => i.path)).toEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/deploy.yaml',
    ])
  })

  it('finds files, and nothing for paths that are neither file nor directory', () => {
    const file = lookupPath(FILES, '/README.md')
    expect(file).toMatchObject({ kind: 'file', text: 'hi\n', item: { size: 3, name: 'README.md' } })
    expect(lookupPath(FILES, '.github/work').kind).toBe('missing')
    expect(lookupPath(FILES, 'README.md/x').kind).toBe('missing')
    expect(lookupPath(new Map(), '').kind).toBe('missing')
  })
})

describe('githubBase64', () => {
  it('breaks lines after 60 characters and ends with a line break', () => {
    const text = `${'x'.repeat(100)}\n€ and more`
    const encoded = githubBase64(text)
    const lines = encoded.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines.slice(0, -1).every((l) => l.length === 60)).toBe(true)
    expect(lines.at(-1)!.length).toBeLessThanOrEqual(60)
    expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe(text)
    expect(githubBase64('name: CI\non: push\n')).toBe('bmFtZTogQ0kKb246IHB1c2gK\n')
    expect(githubBase64('')).toBe('')
  })
})

// Workflow files through the contents API over plain HTTP: a directory listing and a file, each
// checked against the required fields of GitHub's schema; base64 as GitHub wraps it decoding back
// to the YAML given; git's own `sha` values; 404s; `ref`; the raw media type; conditional requests.
import { describe, expect, it } from 'vitest'
import type { ContentDirectoryEntry, ContentFile } from './github-types'
import type { Emulator } from './index'
import { expectFields, requiredKeys } from './schema-keys'
import { etagOf, expectFreeNotModified } from './test-etag'
import { useEmulator } from './test-emulator'
import { fields, request, type Requester } from './test-http'

const COMMON = [
  'type',
  'size',
  'name',
  'path',
  'sha',
  'url',
  'git_url',
  'html_url',
  'download_url',
  '_links',
] as const
const ENTRY = requiredKeys<ContentDirectoryEntry>()(COMMON)
const FILE = requiredKeys<ContentFile>()([...COMMON, 'encoding', 'content'])

const CI = `name: CI
on: [push, pull_request]
jobs:
  build:
    runs-on: [self-hosted, linux, x64]
    steps:
      - run: echo "a line long enough that its base64 needs more than one sixty-character line"
`
const DEPLOY = 'name: Deploy\non: workflow_dispatch\njobs:\n  go:\n    runs-on: self-hosted\n'
const DIR = '/repos/octo/app/contents/.github/workflows'

let emulator: Emulator
let api: Requester

useEmulator((started) => ({ emulator, api } = started))

const withWorkflows = () =>
  emulator.setRepo({
    owner: 'octo',
    repo: 'app',
    workflows: { '.github/workflows/deploy.yaml': DEPLOY, '.github/workflows/ci.yml': CI },
  })

describe('GET /repos/{owner}/{repo}/contents/.github/workflows', () => {
  it('lists the workflow files by name with GitHub’s fields and links', async () => {
    withWorkflows()
    const answer = await expectFreeNotModified(api, DIR)
    const entries = answer.body as ContentDirectoryEntry[]
    for (const entry of entries) {
      expectFields(entry, ENTRY, 'directory entry')
      expectFields(entry._links, ['self', 'git', 'html'], 'entry links')
    }
    expect(entries.map((e) => [e.type, e.name, e.path, e.size])).toEqual([
      ['file', 'ci.yml', '.github/workflows/ci.yml', Buffer.byteLength(CI)],
      ['file', 'deploy.yaml', '.github/workflows/deploy.yaml', Buffer.byteLength(DEPLOY)],
    ])
    const ci = entries[0]!
    expect(ci).toMatchObject({
      url: `${emulator.url}/repos/octo/app/contents/.github/workflows/ci.yml?ref=main`,
      html_url: 'https://github.com/octo/app/blob/main/.github/workflows/ci.yml',
      git_url: `${emulator.url}/repos/octo/app/git/blobs/${ci.sha}`,
      download_url: 'https://raw.githubusercontent.com/octo/app/main/.github/workflows/ci.yml',
    })
    expect(ci._links).toEqual({ self: ci.url, git: ci.git_url, html: ci.html_url })
    expect(ci).not.toHaveProperty('content')
  })

  it('lists directories on the way there, and answers with or without a trailing slash', async () => {
    withWorkflows()
    const root = (await api('GET', '/repos/octo/app/contents')).body as ContentDirectoryEntry[]
    expect(root.map((e) => [e.type, e.name, e.download_url])).toEqual([['dir', '.github', null]])
    expect(root[0]!.html_url).toBe('https://github.com/octo/app/tree/main/.github')
    const github = (await api('GET', '/repos/octo/app/contents/.github')).body
    expect((github as ContentDirectoryEntry[]).map((e) => [e.type, e.name])).toEqual([
      ['dir', 'workflows'],
    ])
    expect((await api('GET', `${DIR}/`)).body).toEqual((await api('GET', DIR)).body)
  })
})

describe('GET /repos/{owner}/{repo}/contents/{path}', () => {
  it('answers a file as base64 wrapped every 60 characters that decodes to the YAML given', async () => {
    withWorkflows()
    const answer = await expectFreeNotModified(api, `${DIR}/ci.yml`)
    expectFields(answer.body, FILE, 'content file')
    const file = answer.body as ContentFile
    expect(file).toMatchObject({ type: 'file', encoding: 'base64', name: 'ci.yml' })
    const lines = file.content.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.slice(0, -1).every((l) => l.length === 60)).toBe(true)
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe(CI)
    // The same sha as the directory listing and as git would give the blob.
    const listed = (await api('GET', DIR)).body as ContentDirectoryEntry[]
    expect(file.sha).toBe(listed[0]!.sha)
    expect(file.sha).toMatch(/^[0-9a-f]{40}$/)
    expect(file.size).toBe(Buffer.byteLength(CI))
  })

  it('answers the file’s bytes with the raw media type', async () => {
    withWorkflows()
    const raw = await api('GET', `${DIR}/deploy.yaml`, {
      headers: { Accept: 'application/vnd.github.raw+json' },
    })
    expect(raw.status).toBe(200)
    expect(raw.headers.get('content-type')).toContain('application/vnd.github.raw')
    expect(raw.text).toBe(DEPLOY)
    const json = await api('GET', `${DIR}/deploy.yaml`)
    expect(raw.headers.get('etag')).not.toBe(json.headers.get('etag'))
  })

  it('answers 404 for missing paths, other refs, empty and unknown repositories', async () => {
    withWorkflows()
    const missing = await api('GET', `${DIR}/nope.yml`)
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ message: 'Not Found', status: '404' })
    expect((await api('GET', `${DIR}/ci.yml?ref=main`)).status).toBe(200)
    const ref = await api('GET', `${DIR}/ci.yml?ref=feature`)
    expect(ref.status).toBe(404)
    expect(fields(ref)['message']).toBe('No commit found for the ref feature')
    const empty = await api('GET', '/repos/octo/empty/contents/.github/workflows')
    expect(empty.status).toBe(404)
    expect(fields(empty)['message']).toBe('This repository is empty.')
    emulator.setAccount({ anyRepositoryExists: false })
    expect((await api('GET', '/repos/octo/empty/contents/.github/workflows')).status).toBe(404)
    expect((await api('GET', DIR)).status).toBe(200)
  })

  it('changes the ETag when a workflow changes, and keeps files when only visibility changes', async () => {
    withWorkflows()
    const before = await etagOf(api, `${DIR}/ci.yml`)
    const listBefore = await etagOf(api, DIR)
    emulator.setRepo({ owner: 'octo', repo: 'app', visibility: 'public' })
    expect(await etagOf(api, `${DIR}/ci.yml`)).toBe(before)
    emulator.setRepo({
      owner: 'octo',
      repo: 'app',
      workflows: { '.github/workflows/ci.yml': `${CI}# changed\n` },
    })
    const changed = await api('GET', `${DIR}/ci.yml`, { headers: { 'If-None-Match': before } })
    expect(changed.status).toBe(200)
    expect(await etagOf(api, DIR)).not.toBe(listBefore)
    // `workflows` replaces the set: deploy.yaml is gone.
    expect((await api('GET', `${DIR}/deploy.yaml`)).status).toBe(404)
  })

  it('refuses workflow paths outside .github/workflows (admin API: 400)', async () => {
    expect(() => emulator.setRepo({ owner: 'o', repo: 'r', workflows: { 'ci.yml': CI } })).toThrow(
      /must be \.github\/workflows\/<file name>/,
    )
    const answer = await request(emulator.url, 'POST', '/_emulator/repos', {
      body: { owner: 'o', repo: 'r', workflows: { '.github/workflows/a/b.yml': CI } },
    })
    expect(answer.status).toBe(400)
  })
})

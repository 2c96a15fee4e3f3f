// Caches that survive ephemeral runners, end to end with the built CLI on the real engine, the
// emulator and the stand-in runner: a tool one job installs is there for a fresh runner of the same
// repository and never for another; two jobs filling the same entry at once each keep their own
// copy and exactly one whole copy is published; clearing while runners use a cache retires it.
// Jobs first run the job-started hook, as the official runner does before a job's steps (the
// stand-in has no hooks). The closing figure: a job that downloads a tool, cold cache vs warm.
import { once } from 'node:events'
import { promises as fsp } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import Dockerode from 'dockerode'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startKeyring, type Keyring } from '../support/keyring'
import { startEmulator, type Emulator, type JobView } from '../emulator'
import { dockerBridgeHost } from '../emulator/bridge-host'
import { buildRunnerImage } from '../runner-image/build'
import { LABELS } from '../../main/engine/pool/runner-labels'
import { installationNetwork } from '../../common/container-limits'
import { tarOf } from '../../main/engine/docker/tar-file'
import { ensureCliBuilt, killAllCli, runnerdock, runnerdockToEnd } from '../support/cli-process'

const TOKEN = `ghp_${'c'.repeat(36)}`
const docker = new Dockerode()
/** The "tool" a job downloads: 64 MB at 25 MB/s, a modest home connection. */
const TOOL_BYTES = 64 * 1024 * 1024
const RATE_BYTES_PER_S = 25 * 1000 * 1000

let keyring: Keyring
let emulator: Emulator
let image: string
let configDir: string
let env: NodeJS.ProcessEnv
let downloads: http.Server
let toolUrl: string
/** A public action the cold job "uses": GitHub's tarball of it, served by the download server. */
const ACTION_SHA = '0123456789abcdef0123456789abcdef01234567'
const actionTarball = gzipSync(
  tarOf([
    { name: 'acme-setup-fake-0123456', data: null, mode: 0o755 },
    { name: 'acme-setup-fake-0123456/action.yml', data: Buffer.from('name: fake\n'), mode: 0o644 },
  ]),
)

const installationId = async () =>
  (
    JSON.parse(await fsp.readFile(path.join(configDir, 'settings.json'), 'utf8')) as {
      installationId: string
    }
  ).installationId
const volumesOf = async (id: string) =>
  ((await docker.listVolumes({ filters: { label: [`${LABELS.installation}=${id}`] } })).Volumes ??
    []) as { Name: string; Labels: Record<string, string> }[]
/** A target's current cache volume: its newest generation. */
const cacheVolume = async (id: string, key: string) =>
  (await volumesOf(id))
    .filter((v) => v.Labels['dev.runnerdock.cache'] === key)
    .sort((a, b) =>
      (b.Labels['dev.runnerdock.cache-generation'] ?? '').localeCompare(
        a.Labels['dev.runnerdock.cache-generation'] ?? '',
      ),
    )[0]
const toolVolumesOf = async (id: string, runners: readonly string[]) =>
  (await volumesOf(id)).filter((v) => runners.includes(v.Labels[LABELS.runner] ?? ''))
const containersOf = async (id: string) =>
  docker.listContainers({ all: true, filters: { label: [`${LABELS.installation}=${id}`] } })

/** Runs `sh -c script` as root in a throwaway container with the volume at /c; its output. */
async function readVolume(volume: string, script: string): Promise<string> {
  const container = await docker.createContainer({
    Image: image,
    User: '0',
    Entrypoint: ['/bin/sh', '-c', script],
    Tty: true,
    HostConfig: { Binds: [`${volume}:/c:ro`], NetworkMode: 'none' },
  })
  try {
    await container.start()
    await container.wait()
    return String(await container.logs({ stdout: true, stderr: true })).replace(/\r/g, '')
  } finally {
    await container.remove({ force: true })
  }
}

const seconds = (job: JobView) =>
  (Date.parse(job.completedAt ?? '') - Date.parse(job.startedAt ?? '')) / 1000

async function finished(jobId: number, timeoutMs = 90_000): Promise<JobView> {
  await expect.poll(() => emulator.job(jobId)?.status, { timeout: timeoutMs }).toBe('completed')
  return emulator.job(jobId)!
}

// What the official runner runs before a job's steps (ACTIONS_RUNNER_HOOK_JOB_STARTED).
const HOOK = 'sh "$ACTIONS_RUNNER_HOOK_JOB_STARTED"'

// The trace line the official runner's worker prints on stdout when a job uses an action
// (ActionManager.cs); the stand-in has no worker, so the job writes it to the container's stdout.
const USES_ACTION = `printf '[WORKER %s INFO ActionManager] Check if action archive '"'"'acme/setup-fake@${ACTION_SHA}'"'"' already exists in cache directory '"'"'%s'"'"'\\n' "$(date -u '+%Y-%m-%d %H:%M:%SZ')" "$ACTIONS_RUNNER_ACTION_ARCHIVE_CACHE" > /proc/1/fd/1`

/** A setup-* action in miniature: find the tool in the tool cache, or download and cache it. */
const installTool = () =>
  [
    'set -e',
    HOOK,
    USES_ACTION,
    'entry="$RUNNER_TOOL_CACHE/fake-tool/1.0.0/x64"',
    'if [ -d "$entry" ] && [ -f "$entry.complete" ]; then',
    '  echo "tool cache: hit"',
    'else',
    '  echo "tool cache: miss, downloading"',
    '  mkdir -p "$RUNNER_TEMP/dl"',
    `  wget -q -O "$RUNNER_TEMP/dl/fake-tool.bin" "${toolUrl}"`,
    '  rm -rf "$entry" "$entry.complete"',
    '  mkdir -p "$entry/bin"',
    '  cp "$RUNNER_TEMP/dl/fake-tool.bin" "$entry/fake-tool.bin"',
    `  printf '#!/bin/sh\\necho "fake-tool 1.0.0 from %s"\\n' "$RUNNER_NAME" > "$entry/bin/fake-tool"`,
    '  chmod +x "$entry/bin/fake-tool"',
    '  : > "$entry.complete"',
    'fi',
    '"$entry/bin/fake-tool"',
    `test "$(wc -c < "$entry/fake-tool.bin")" -eq ${TOOL_BYTES}`,
  ].join('\n')

beforeAll(async () => {
  await ensureCliBuilt()
  const host = await dockerBridgeHost()
  if (host === '127.0.0.1')
    throw new Error('Docker’s default bridge has no address on this machine')
  ;[keyring, emulator, image] = await Promise.all([
    startKeyring(),
    startEmulator({ runnerOfflineAfterMs: 2000, host }),
    buildRunnerImage(),
  ])
  const chunk = Buffer.alloc(256 * 1024, 7)
  downloads = http.createServer((req, res) => {
    if (req.url === `/repos/acme/setup-fake/tarball/${ACTION_SHA}`)
      return res.writeHead(200).end(actionTarball)
    res.writeHead(200, { 'content-length': TOOL_BYTES, 'content-type': 'application/octet-stream' })
    let sent = 0
    const started = Date.now()
    const pump = () => {
      while (sent < TOOL_BYTES && sent <= ((Date.now() - started) / 1000) * RATE_BYTES_PER_S) {
        res.write(chunk)
        sent += chunk.length
      }
      if (sent >= TOOL_BYTES) res.end()
      else setTimeout(pump, 5)
    }
    pump()
  })
  downloads.listen(0, host)
  await once(downloads, 'listening')
  toolUrl = `http://${host}:${(downloads.address() as AddressInfo).port}/fake-tool.bin`
  configDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rd-caches-'))
  env = {
    ...keyring.env,
    PATH: process.env.PATH,
    RUNNERDOCK_CONFIG_DIR: configDir,
    RUNNERDOCK_ONLINE_TIMEOUT_MS: '30000',
    // The emulator serves no tarballs: action archives come from the download server.
    RUNNERDOCK_ACTION_ARCHIVE_URL: toolUrl.replace(/\/fake-tool\.bin$/, ''),
  }
  const saved = await runnerdockToEnd(
    ['token', 'set', '--api-url', emulator.url],
    env,
    `${TOKEN}\n`,
  )
  expect(saved.code).toBe(0)
}, 180_000)

// A test that failed mid-way leaves its `up` running, holding the pool lock: the next test would
// fail for that reason instead of its own (its restart recovers what the kill left).
afterEach(() => killAllCli())

afterAll(async () => {
  killAllCli()
  const id = await installationId().catch(() => null)
  if (id) {
    for (const c of await containersOf(id))
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {})
    for (const v of await volumesOf(id))
      await docker
        .getVolume(v.Name)
        .remove()
        .catch(() => {})
    await docker
      .getNetwork(installationNetwork(id))
      .remove()
      .catch(() => {})
  }
  downloads?.close()
  await Promise.all([keyring?.stop(), emulator?.close()])
  if (configDir) await fsp.rm(configDir, { recursive: true, force: true })
})

describe('caches', () => {
  it('a tool installed by one job is there for the next runner of its repository, never for another', async () => {
    const up = runnerdock(
      [
        'up',
        '--target',
        'acme/alpha',
        '--target',
        'acme/beta',
        '--runners',
        '1',
        '--api-url',
        emulator.url,
        '--image',
        image,
      ],
      env,
    )
    await up.waitFor(/Online, listening for jobs[\s\S]*Online, listening for jobs/, 60_000)
    const id = await installationId()
    const host = new URL(emulator.url).host
    const alphaKey = `${host}/acme/alpha`
    const alpha = await cacheVolume(id, alphaKey)
    const beta = await cacheVolume(id, `${host}/acme/beta`)
    expect(alpha?.Name).toBeTruthy()
    expect(beta?.Name).toBeTruthy()
    expect(alpha!.Name).not.toBe(beta!.Name)

    // Cold: the tool is downloaded and installed into the runner's private tool cache.
    const cold = await finished(
      emulator.queueJob(
        { owner: 'acme', repo: 'alpha' },
        { name: 'cold', labels: ['self-hosted'], script: installTool() },
      ),
    )
    expect(cold.result).toBe('Succeeded')
    // Its runner is replaced; once it is gone its new entry is published to alpha's cache.
    await expect
      .poll(() => readVolume(alpha!.Name, 'ls /c/tools/fake-tool/1.0.0/x64 2>&1'), {
        timeout: 60_000,
      })
      .toMatch(/fake-tool\.bin/)
    const listed = await runnerdockToEnd(['cache', 'list'], env)
    expect(listed.code).toBe(0)
    expect(listed.output).toMatch(
      new RegExp(`${alphaKey.replace(/[.]/g, '\\.')}\\s+6\\d(\\.\\d)? MB`),
    )

    // Warm: a fresh runner of alpha finds it (the next job may meet a runner made before the
    // publish: the job-started hook links what was published since).
    const warm = await finished(
      emulator.queueJob(
        { owner: 'acme', repo: 'alpha' },
        { name: 'warm', labels: ['self-hosted'], script: installTool() },
      ),
    )
    expect(warm.result).toBe('Succeeded')
    expect(warm.runnerName).not.toBe(cold.runnerName)
    // The action archive the cold job missed was fetched from GitHub (here: the download server)
    // into alpha's cache, where the runner looks for it.
    await expect
      .poll(() => readVolume(alpha!.Name, 'ls /c/actions/acme_setup-fake 2>&1'), {
        timeout: 30_000,
      })
      .toMatch(`${ACTION_SHA}.tar.gz`)
    const archive = await finished(
      emulator.queueJob(
        { owner: 'acme', repo: 'alpha' },
        {
          name: 'archive',
          labels: ['self-hosted'],
          script: [
            'set -e',
            `file="$ACTIONS_RUNNER_ACTION_ARCHIVE_CACHE/acme_setup-fake/${ACTION_SHA}.tar.gz"`,
            'tar -tzf "$file" | grep -q "^acme-setup-fake-0123456/action.yml$"',
          ].join('\n'),
        },
      ),
    )
    expect(archive.result).toBe('Succeeded')

    // beta's runner sees none of it, and cannot write its own cache either.
    const isolated = await finished(
      emulator.queueJob(
        { owner: 'acme', repo: 'beta' },
        {
          name: 'isolated',
          labels: ['self-hosted'],
          script: [
            'set -e',
            HOOK,
            'if [ -e "$RUNNER_TOOL_CACHE/fake-tool" ]; then echo "sees alpha’s tool"; exit 1; fi',
            'if [ -n "$(ls -A /opt/runnerdock/cache/tools)" ]; then echo "sees tools"; exit 1; fi',
            'if [ -n "$(ls -A "$ACTIONS_RUNNER_ACTION_ARCHIVE_CACHE")" ]; then echo "sees actions"; exit 1; fi',
            'if touch /opt/runnerdock/cache/tools/poison 2>/dev/null; then echo "wrote the cache"; exit 1; fi',
            'echo isolated',
          ].join('\n'),
        },
      ),
    )
    expect(isolated.result).toBe('Succeeded')
    expect(await readVolume(beta!.Name, 'ls -A /c/tools')).toBe('')

    const figure = `[figure] a job that downloads a ${TOOL_BYTES / 1024 / 1024} MB tool at ${RATE_BYTES_PER_S / 1e6} MB/s: cold cache ${seconds(cold).toFixed(2)} s, warm cache ${seconds(warm).toFixed(2)} s`
    console.log(figure)
    expect(seconds(warm)).toBeLessThan(seconds(cold))

    up.child.kill('SIGINT')
    expect(await up.exit).toBe(0)
    // The runners' private tool caches went with them; the targets' caches stay.
    const left = await volumesOf(id)
    expect(left.filter((v) => v.Labels['dev.runnerdock.volume'] === 'tools')).toEqual([])
    expect(left.map((v) => v.Name).sort()).toEqual([alpha!.Name, beta!.Name].sort())
  }, 300_000)

  it('two jobs filling the same entry at once keep their own copies; one whole copy is published', async () => {
    const up = runnerdock(
      [
        'up',
        '--target',
        'acme/gamma',
        '--runners',
        '2',
        '--api-url',
        emulator.url,
        '--image',
        image,
      ],
      env,
    )
    await up.waitFor(/Online, listening for jobs[\s\S]*Online, listening for jobs/, 60_000)
    const id = await installationId()
    const key = `${new URL(emulator.url).host}/acme/gamma`
    // @actions/tool-cache's cacheDir: remove the entry and its marker, copy in, mark it complete.
    // Each job then checks its copy is still all its own (a shared writable cache would mix them).
    const fill = [
      'set -e',
      HOOK,
      'entry="$RUNNER_TOOL_CACHE/racy-tool/2.0.0/x64"',
      'rm -rf "$entry" "$entry.complete"',
      'mkdir -p "$entry"',
      'i=0',
      'while [ $i -lt 40 ]; do echo "$RUNNER_NAME" > "$entry/part$i"; i=$((i + 1)); sleep 0.05; done',
      'sleep 1',
      'for f in "$entry"/part*; do test "$(cat "$f")" = "$RUNNER_NAME"; done',
      'test "$(ls "$entry" | wc -l)" -eq 40',
      ': > "$entry.complete"',
    ].join('\n')
    const ids = [1, 2].map((n) =>
      emulator.queueJob(
        { owner: 'acme', repo: 'gamma' },
        { name: `fill-${n}`, labels: ['self-hosted'], script: fill },
      ),
    )
    const jobs = await Promise.all(ids.map((j) => finished(j)))
    expect(jobs.map((j) => j.result)).toEqual(['Succeeded', 'Succeeded'])
    const fillers = jobs.map((j) => j.runnerName!)
    expect(new Set(fillers).size).toBe(2)
    // Both overlapped: each started before the other ended.
    expect(Date.parse(jobs[0]!.startedAt!)).toBeLessThan(Date.parse(jobs[1]!.completedAt!))
    expect(Date.parse(jobs[1]!.startedAt!)).toBeLessThan(Date.parse(jobs[0]!.completedAt!))

    // Both runners are gone and have published: one copy, whole, by one of them; no staging left.
    await expect
      .poll(async () => (await toolVolumesOf(id, fillers)).length, { timeout: 60_000 })
      .toBe(0)
    const volume = (await cacheVolume(id, key))!.Name
    const parts = (await readVolume(volume, 'cat /c/tools/racy-tool/2.0.0/x64/part*'))
      .trim()
      .split('\n')
    expect(parts).toHaveLength(40)
    expect(new Set(parts).size).toBe(1)
    expect(fillers).toContain(parts[0])
    expect(await readVolume(volume, 'ls -A /c/.incoming')).toBe('')

    // A third job finds that copy.
    const check = await finished(
      emulator.queueJob(
        { owner: 'acme', repo: 'gamma' },
        {
          name: 'check',
          labels: ['self-hosted'],
          script: [
            'set -e',
            HOOK,
            'entry="$RUNNER_TOOL_CACHE/racy-tool/2.0.0/x64"',
            'test -f "$entry.complete"',
            `for f in "$entry"/part*; do test "$(cat "$f")" = "${parts[0]}"; done`,
          ].join('\n'),
        },
      ),
    )
    expect(check.result).toBe('Succeeded')

    // Clearing while idle runners hold the cache: it is retired, not pulled from under them, and a
    // fresh generation takes its place; once they are gone, so is it.
    await up.waitFor(/(Online, listening for jobs[\s\S]*){5}/, 60_000)
    const cleared = await runnerdockToEnd(['cache', 'clear', '--target', key], env)
    expect(cleared.code).toBe(0)
    expect(cleared.output).toMatch(/in use/)
    const after = await runnerdockToEnd(
      ['cache', 'list', '--target', 'acme/gamma', '--api-url', emulator.url],
      env,
    )
    expect(after.output).toMatch(/cleared; goes when its runner ends/)
    expect((await cacheVolume(id, key))!.Name).not.toBe(volume)

    up.child.kill('SIGINT')
    expect(await up.exit).toBe(0)
    expect((await volumesOf(id)).map((v) => v.Name)).not.toContain(volume)
  }, 300_000)
})

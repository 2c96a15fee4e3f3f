import { randomBytes } from 'node:crypto'
import { archiveFile, type ActionArchiveRef } from '../../../common/action-archives'
import { err, ok, type Result } from '../../../common/result'
import type { DockerContext } from '../docker/docker-call'
import { helperFailure, runHelper } from '../docker/docker-helper'
import { tarOf } from '../docker/tar-file'

// Filling the action archive cache (docs/caches.md): the runner never writes it, so after a job
// RunnerDock downloads the archives the job missed, anonymously, from GitHub itself, and links
// each into the target's cache volume (a hard link: it appears whole or not at all, and the first
// one stays). Anonymous on purpose: the token RunnerDock holds may read private repositories that
// a job of this target could not, and the job's output chooses which archives are fetched. So only
// public actions are cached; a private one is downloaded by the runner every time, as before.

/** The most one archive may weigh (GitHub's action tarballs are kilobytes to a few megabytes). */
export const MAX_ARCHIVE_BYTES = 100 * 1000 * 1000

/** How long all of one job's downloads may take together. */
const DOWNLOAD_BUDGET_MS = 60_000

/** Downloads one archive without credentials; only a gzip answer of 200 within the limit counts. */
export async function downloadArchive(
  url: string,
  options: { readonly maxBytes: number; readonly signal: AbortSignal },
): Promise<Result<Buffer, string>> {
  let response: Response
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal: options.signal,
      headers: { 'user-agent': 'RunnerDock', accept: 'application/vnd.github+json' },
    })
  } catch (error) {
    return err(`could not reach ${url} (${error instanceof Error ? error.message : String(error)})`)
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined)
    return err(`${url} answered ${response.status} (private, or not there)`)
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    return err(`${url} is larger than ${options.maxBytes} bytes`)
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of response.body ?? []) {
      size += (chunk as Uint8Array).length
      if (size > options.maxBytes) return err(`${url} is larger than ${options.maxBytes} bytes`)
      chunks.push(Buffer.from(chunk as Uint8Array))
    }
  } catch (error) {
    return err(`${url} broke off (${error instanceof Error ? error.message : String(error)})`)
  }
  const data = Buffer.concat(chunks)
  // The runner extracts it with `tar -xzf`: anything but gzip would fail the next job.
  if (data[0] !== 0x1f || data[1] !== 0x8b) return err(`${url} is not a gzip archive`)
  return ok(data)
}

/**
 * The helper that moves uploaded archives into place ($1: this run's folder in .incoming, then
 * pairs of uploaded name and destination under actions/); prints `stored N` last.
 */
export const STORE_SCRIPT = `set -u
from=/cache/.incoming/$1
shift
n=0
while [ $# -ge 2 ]; do
  to=/cache/actions/$2
  mkdir -p "\${to%/*}" && ln "$from/$1" "$to" 2>/dev/null && n=$((n + 1))
  shift 2
done
rm -rf "$from"
echo "stored $n"`

/** What a fill needs. */
export interface ArchiveFill {
  readonly context: DockerContext
  readonly image: string
  readonly installationId: string
  readonly cacheVolume: string
  readonly archives: readonly ActionArchiveRef[]
  /** Where an archive is downloaded from (`tarballUrl` on the pool's API URL). */
  readonly source: (archive: ActionArchiveRef) => string
  readonly labels: Readonly<Record<string, string>>
}

/**
 * Downloads the archives and stores them in the target's cache; answers how many were added and
 * why the others were not (private actions are expected among them).
 */
export async function fillActionArchives(
  fill: ArchiveFill,
): Promise<Result<{ stored: number; skipped: string[] }, string>> {
  const signal = AbortSignal.timeout(DOWNLOAD_BUDGET_MS)
  const fetched: { archive: ActionArchiveRef; data: Buffer }[] = []
  const skipped: string[] = []
  for (const archive of fill.archives) {
    const data = await downloadArchive(fill.source(archive), {
      maxBytes: MAX_ARCHIVE_BYTES,
      signal,
    })
    if (data.ok) fetched.push({ archive, data: data.value })
    else skipped.push(data.error)
  }
  if (fetched.length === 0) return ok({ stored: 0, skipped })
  const run = randomBytes(6).toString('hex')
  const tar = tarOf([
    { name: `.incoming/${run}`, data: null, mode: 0o755 },
    ...fetched.map((f, i) => ({ name: `.incoming/${run}/${i}`, data: f.data, mode: 0o644 })),
  ])
  const stored = await runHelper(fill.context, {
    image: fill.image,
    action: 'store action archives',
    mounts: [{ volume: fill.cacheVolume, target: '/cache', readOnly: false }],
    upload: { path: '/cache', tar },
    script: STORE_SCRIPT,
    args: [run, ...fetched.flatMap((f, i) => [String(i), archiveFile(f.archive)])],
    timeoutMs: 60_000,
    labels: fill.labels,
  })
  if (!stored.ok) return err(stored.error.message)
  if (stored.value.exitCode !== 0)
    return err(helperFailure('store action archives', stored.value).message)
  const match = /^stored (\d+)\s*$/m.exec(stored.value.output.trim().split('\n').at(-1) ?? '')
  return ok({ stored: match ? Number(match[1]) : 0, skipped })
}

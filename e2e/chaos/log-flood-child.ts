// Runs in its own process so its RSS is the engine's alone: follows one container's log through
// the real Docker adapter (followLogs) into a LogStore with the production limits, sampling RSS,
// and prints one JSON line when the log ends.
// Usage: node --expose-gc --import tsx e2e/chaos/log-flood-child.ts CONTAINER_ID [SECRET]
import { SecretRegistry } from '../../common/redact'
import { createDockerPort, resolveDockerConnection } from '../../main/engine/docker'
import { LogStore } from '../../main/engine/logs/log-store'

/** What the child reports on stdout. */
export interface FloodReport {
  readonly baselineRssBytes: number
  readonly peakRssBytes: number
  readonly peakHeapBytes: number
  readonly peakExternalBytes: number
  readonly lines: number
  readonly longestLineChars: number
  readonly storedLines: readonly string[]
  readonly storeBytes: number
  readonly durationMs: number
  readonly failure: string | null
}

async function main(id: string, secret: string | undefined): Promise<FloodReport> {
  const connection = await resolveDockerConnection(process.env)
  if (!connection.ok) throw new Error(connection.error.message)
  const port = createDockerPort({ connection: connection.value })
  const secrets = new SecretRegistry()
  if (secret) secrets.add(secret)
  const store = new LogStore(secrets.redact)
  global.gc?.()
  const baseline = process.memoryUsage()
  let peakRss = baseline.rss
  let peakHeap = baseline.heapUsed
  let peakExternal = baseline.external
  const sample = () => {
    const m = process.memoryUsage()
    peakRss = Math.max(peakRss, m.rss)
    peakHeap = Math.max(peakHeap, m.heapUsed)
    peakExternal = Math.max(peakExternal, m.external)
  }
  const timer = setInterval(sample, 10)
  let lines = 0
  let longest = 0
  const started = Date.now()
  const failure = await new Promise<string | null>((resolve) => {
    port.followLogs(
      id,
      (line) => {
        lines++
        longest = Math.max(longest, line.text.length)
        store.append('flood', line.stream, line.time, line.text)
      },
      (end) => resolve(end ? end.message : null),
    )
  })
  sample()
  clearInterval(timer)
  return {
    baselineRssBytes: baseline.rss,
    peakRssBytes: peakRss,
    peakHeapBytes: peakHeap,
    peakExternalBytes: peakExternal,
    lines,
    longestLineChars: longest,
    storedLines: store.read('flood').map((entry) => entry.text),
    storeBytes: store.bytes,
    durationMs: Date.now() - started,
    failure,
  }
}

const [id, secret] = process.argv.slice(2)
if (!id) {
  process.stderr.write('usage: log-flood-child.ts CONTAINER_ID [SECRET]\n')
  process.exit(2)
}
main(id, secret).then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`)
    process.exit(0)
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exit(1)
  },
)

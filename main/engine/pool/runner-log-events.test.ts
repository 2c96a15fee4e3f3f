import { describe, expect, it } from 'vitest'
import type { ContainerLogLine } from '../docker/docker-port'
import { explainConnectError } from './runner-connect-error'
import { readLogLine } from './runner-log-events'

const CONTEXT = { apiUrl: 'https://api.github.com', networkMode: 'runnerdock-ab12cd34' }
const out = (text: string): ContainerLogLine => ({ stream: 'stdout', time: 0, text })
const err = (text: string): ContainerLogLine => ({ stream: 'stderr', time: 0, text })

// What the official listener prints with ACTIONS_RUNNER_PRINT_LOG_TO_STDOUT=1 around one job
// (Terminal.cs traces each terminal line just before printing it; docs/github-facts.md).
const ONE_JOB: readonly [ContainerLogLine, string | null][] = [
  [out('[RUNNER 2026-11-29 21:00:00Z INFO Listener] Version: 2.330.0'), null],
  [
    out('[RUNNER 2026-11-29 21:00:01Z INFO MessageListener] Connecting to the Runner Server...'),
    null,
  ],
  [out('[RUNNER 2026-11-29 21:00:01Z INFO Terminal] WRITE LINE: '), null],
  [out(''), null],
  [out('√ Connected to GitHub'), null],
  [
    out(
      "[RUNNER 2026-11-29 21:00:01Z INFO Terminal] WRITE LINE: Current runner version: '2.330.0'",
    ),
    null,
  ],
  [out("Current runner version: '2.330.0'"), null],
  [
    out(
      '[RUNNER 2026-11-29 21:00:01Z INFO Terminal] WRITE LINE: 2026-11-29 21:00:01Z: Listening for Jobs',
    ),
    null,
  ],
  [out('2026-11-29 21:00:01Z: Listening for Jobs'), 'listening'],
  [
    out(
      "[RUNNER 2026-11-29 21:00:05Z INFO MessageListener] Message '1' received from session 'a'.",
    ),
    null,
  ],
  [
    out(
      '[RUNNER 2026-11-29 21:00:05Z INFO JobDispatcher] Job request 1 for plan p job j received.',
    ),
    null,
  ],
  [
    out(
      '[RUNNER 2026-11-29 21:00:05Z INFO Terminal] WRITE LINE: 2026-11-29 21:00:05Z: Running job: build',
    ),
    null,
  ],
  [out('2026-11-29 21:00:05Z: Running job: build'), 'job-started build'],
  [
    out('[RUNNER 2026-11-29 21:00:09Z INFO JobDispatcher] Worker finished for job j. Code: 100'),
    null,
  ],
  [
    out(
      '[RUNNER 2026-11-29 21:00:09Z INFO JobDispatcher] finish job request for job j with result: Succeeded',
    ),
    null,
  ],
  [
    out(
      '[RUNNER 2026-11-29 21:00:09Z INFO Terminal] WRITE LINE: 2026-11-29 21:00:09Z: Job build completed with result: Succeeded',
    ),
    null,
  ],
  [
    out('2026-11-29 21:00:09Z: Job build completed with result: Succeeded'),
    'job-completed build Succeeded',
  ],
  // 2.300-era runners dumped the worker's trace after the job, WORKER lines included.
  [
    out(
      '[WORKER 2026-11-29 21:00:08Z INFO JobRunner] Job result after all job steps finish: Succeeded',
    ),
    null,
  ],
  [out('Runner listener exit with 0 return code, stop the service, no retry needed.'), null],
]

describe('readLogLine with the trace on stdout', () => {
  it('reads each terminal line once and no trace line', () => {
    const seen = ONE_JOB.map(([line]) => {
      const { event } = readLogLine(line, CONTEXT)
      if (!event) return null
      if (event.kind === 'job-started') return `job-started ${event.job}`
      if (event.kind === 'job-completed') return `job-completed ${event.job} ${event.result}`
      return event.kind
    })
    expect(seen).toEqual(ONE_JOB.map(([, expected]) => expected))
  })

  it('takes an error from stderr, not from the trace line that repeats it on stdout', () => {
    const said =
      '2026-11-29 21:00:01Z: Runner connect error: Connection refused (api.github.com:443). Retrying until reconnected.'
    expect(
      readLogLine(out(`[RUNNER 2026-11-29 21:00:01Z ERR  Terminal] WRITE ERROR: ${said}`), CONTEXT)
        .event,
    ).toBeNull()
    expect(
      readLogLine(
        out(
          '[RUNNER 2026-11-29 21:00:01Z ERR  MessageListener] System.Net.Http.HttpRequestException: Connection refused (api.github.com:443)',
        ),
        CONTEXT,
      ).event,
    ).toBeNull()
    expect(readLogLine(err(said), CONTEXT).event).toEqual({
      kind: 'connect-failed',
      message: expect.stringMatching(
        /^Cannot reach https:\/\/api\.github\.com from inside a container on network "runnerdock-ab12cd34": Connection refused \(api\.github\.com:443\) — /,
      ),
    })
  })

  it('reports a refused runner version once, from stderr', () => {
    const line = 'Runner version v2.300.0 is deprecated and cannot receive messages.'
    expect(
      readLogLine(out(`[RUNNER 2026-11-29 21:00:01Z ERR  Terminal] WRITE ERROR: ${line}`), CONTEXT)
        .refused,
    ).toBeNull()
    expect(readLogLine(err(line), CONTEXT).refused).toMatch(/^GitHub refuses this runner version/)
  })

  it('keeps any other stderr line as the runner’s latest problem', () => {
    expect(readLogLine(err('Runner is not configured.'), CONTEXT).event).toEqual({
      kind: 'runner-error',
      message: 'Runner is not configured.',
    })
  })
})

describe('explainConnectError', () => {
  it.each([
    [
      'Connection refused (172.17.0.1:41234). Retrying until reconnected.',
      { apiUrl: 'http://172.17.0.1:41234', networkMode: 'runnerdock-ab12cd34' },
      'Cannot reach http://172.17.0.1:41234 from inside a container on network "runnerdock-ab12cd34": Connection refused (172.17.0.1:41234) — nothing accepts connections at 172.17.0.1:41234 as the container sees it: check the address, or use --network host / set the network in Settings.',
    ],
    [
      'Connection refused (127.0.0.1:41234). Retrying until reconnected.',
      { apiUrl: 'http://127.0.0.1:41234', networkMode: 'bridge' },
      /^Cannot reach http:\/\/127\.0\.0\.1:41234 from inside a container on the default bridge network: Connection refused \(127\.0\.0\.1:41234\) — inside a container 127\.0\.0\.1 is the container itself/,
    ],
    [
      'Name or service not known (ghe.corp.example:443). Retrying until reconnected.',
      { apiUrl: 'https://ghe.corp.example/api/v3', networkMode: 'runnerdock-ab12cd34' },
      /^Cannot reach https:\/\/ghe\.corp\.example from inside a container on network "runnerdock-ab12cd34": Name or service not known \(ghe\.corp\.example:443\) — the container cannot resolve ghe\.corp\.example/,
    ],
    [
      'Resource temporarily unavailable (pipelines.actions.githubusercontent.com:443). Retrying until reconnected.',
      CONTEXT,
      /^Cannot reach https:\/\/pipelines\.actions\.githubusercontent\.com from inside .* — the container cannot resolve pipelines/,
    ],
    [
      'Network is unreachable (172.17.0.1:41234). Retrying until reconnected.',
      { apiUrl: 'http://172.17.0.1:41234', networkMode: 'none' },
      /^Cannot reach http:\/\/172\.17\.0\.1:41234 from inside a container on network "none": Network is unreachable .* — a firewall or a required proxy stands in the way/,
    ],
    [
      'The SSL connection could not be established, see inner exception.. Retrying until reconnected.',
      CONTEXT,
      /^Cannot reach https:\/\/api\.github\.com .* — a proxy or firewall intercepts TLS/,
    ],
    [
      'Response status code does not indicate success: 404 (Not Found).. Retrying until reconnected.',
      CONTEXT,
      'Cannot connect to https://api.github.com: Response status code does not indicate success: 404 (Not Found).',
    ],
  ] as const)('%s', (message, context, expected) => {
    const explained = explainConnectError(message, context)
    if (typeof expected === 'string') expect(explained).toBe(expected)
    else expect(explained).toMatch(expected)
  })
})

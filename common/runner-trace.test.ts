import { describe, expect, it } from 'vitest'
import {
  classifyStdoutLine,
  NO_TRACE_MEMORY,
  parseTraceHeader,
  readTraceFileLine,
  type TraceMemory,
} from './runner-trace'

describe('parseTraceHeader', () => {
  it.each([
    [
      '[RUNNER 2026-11-29 21:00:00Z INFO JobDispatcher] Job request 7 for plan 1 job 2 received.',
      { host: 'RUNNER', level: 'INFO', source: 'JobDispatcher' },
      'Job request 7 for plan 1 job 2 received.',
    ],
    [
      '[RUNNER 2026-11-29 21:00:00Z ERR  MessageListener] Catch exception during create session.',
      { host: 'RUNNER', level: 'ERR', source: 'MessageListener' },
      'Catch exception during create session.',
    ],
    [
      '[WORKER 2026-11-29 21:00:01Z WARN ExecutionContext] Caught exception from step: x',
      { host: 'WORKER', level: 'WARN', source: 'ExecutionContext' },
      'Caught exception from step: x',
    ],
    [
      '[RUNNER 2026-11-29 21:00:00Z INFO Terminal] WRITE LINE: ',
      { host: 'RUNNER', level: 'INFO', source: 'Terminal' },
      'WRITE LINE: ',
    ],
    // The _diag file format (HostTraceListener) and 2.300-era stdout: no host.
    [
      '[2023-10-19 19:28:28Z ERR  RunnerServer] #####################################################',
      { host: null, level: 'ERR', source: 'RunnerServer' },
      '#####################################################',
    ],
  ] as const)('%s', (line, header, message) => {
    expect(parseTraceHeader(line)).toEqual({ ...header, message })
  })

  it.each([
    '2026-11-29 21:00:00Z: Listening for Jobs',
    '√ Connected to GitHub',
    '[command]/usr/bin/git version',
    '[RUNNER] not a trace line',
    '[RUNNER 2026-11-29 21:00:00Z DEBUG X] an unknown level',
    '',
  ])('is not a header: %j', (line) => {
    expect(parseTraceHeader(line)).toBeNull()
  })
})

/** Classifies lines in order, as the log store does for one runner. */
function classifyAll(lines: readonly string[]): string[] {
  let memory: TraceMemory = NO_TRACE_MEMORY
  return lines.map((line) => {
    const result = classifyStdoutLine(line, memory)
    memory = result.memory
    return `${result.trace ? 'T' : 'O'} ${line}`
  })
}

describe('classifyStdoutLine', () => {
  it('splits the official listener start-up into trace and the terminal lines it announces', () => {
    expect(
      classifyAll([
        '[RUNNER 2026-11-29 21:00:00Z INFO Listener] Runner is built for Linux (X64) - linux-x64.',
        '[RUNNER 2026-11-29 21:00:00Z INFO Terminal] WRITE LINE: ',
        '',
        '√ Connected to GitHub',
        '[RUNNER 2026-11-29 21:00:00Z INFO Terminal] WRITE LINE: ',
        '',
        '[RUNNER 2026-11-29 21:00:01Z INFO MessageListener] Session created.',
        "[RUNNER 2026-11-29 21:00:01Z INFO Terminal] WRITE LINE: Current runner version: '2.330.0'",
        "Current runner version: '2.330.0'",
        '[RUNNER 2026-11-29 21:00:01Z INFO Terminal] WRITE LINE: 2026-11-29 21:00:01Z: Listening for Jobs',
        '2026-11-29 21:00:01Z: Listening for Jobs',
      ]),
    ).toEqual([
      'T [RUNNER 2026-11-29 21:00:00Z INFO Listener] Runner is built for Linux (X64) - linux-x64.',
      'T [RUNNER 2026-11-29 21:00:00Z INFO Terminal] WRITE LINE: ',
      'O ',
      'O √ Connected to GitHub',
      'T [RUNNER 2026-11-29 21:00:00Z INFO Terminal] WRITE LINE: ',
      'O ',
      'T [RUNNER 2026-11-29 21:00:01Z INFO MessageListener] Session created.',
      "T [RUNNER 2026-11-29 21:00:01Z INFO Terminal] WRITE LINE: Current runner version: '2.330.0'",
      "O Current runner version: '2.330.0'",
      'T [RUNNER 2026-11-29 21:00:01Z INFO Terminal] WRITE LINE: 2026-11-29 21:00:01Z: Listening for Jobs',
      'O 2026-11-29 21:00:01Z: Listening for Jobs',
    ])
  })

  it('keeps an exception stack and an object dump with the trace event they continue', () => {
    expect(
      classifyAll([
        '[RUNNER 2026-11-29 21:00:00Z ERR  MessageListener] System.Net.Http.HttpRequestException: Connection refused (172.17.0.1:41234)',
        ' ---> System.Net.Sockets.SocketException (111): Connection refused',
        '   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)',
        '   --- End of inner exception stack trace ---',
        '[RUNNER 2026-11-29 21:00:00Z INFO MessageListener] {',
        '  "AgentId": 7,',
        '  "AgentName": "rd-x"',
        '}',
        'Runner listener exit with 0 return code, stop the service, no retry needed.',
        '   indented, but after output: output',
      ]),
    ).toEqual([
      'T [RUNNER 2026-11-29 21:00:00Z ERR  MessageListener] System.Net.Http.HttpRequestException: Connection refused (172.17.0.1:41234)',
      'T  ---> System.Net.Sockets.SocketException (111): Connection refused',
      'T    at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)',
      'T    --- End of inner exception stack trace ---',
      'T [RUNNER 2026-11-29 21:00:00Z INFO MessageListener] {',
      'T   "AgentId": 7,',
      'T   "AgentName": "rd-x"',
      'T }',
      'O Runner listener exit with 0 return code, stop the service, no retry needed.',
      'O    indented, but after output: output',
    ])
  })

  it('takes WORKER lines as trace too, and a runner without trace as all output', () => {
    expect(
      classifyAll([
        '[RUNNER 2026-11-29 21:00:09Z INFO JobDispatcher] [WORKER 2026-11-29 21:00:03Z INFO Worker] Version: 2.330.0',
        '[WORKER 2026-11-29 21:00:03Z INFO Worker] Commit: 0123456',
        '2026-11-29 21:00:09Z: Job build completed with result: Succeeded',
      ]).map((l) => l[0]),
    ).toEqual(['T', 'T', 'O'])
    expect(
      classifyAll(['', '√ Connected to GitHub', '  indented job output']).map((l) => l[0]),
    ).toEqual(['O', 'O', 'O'])
  })
})

describe('readTraceFileLine', () => {
  it.each([
    [
      '[2026-11-29 21:00:03Z INFO ActionManager] Check if action archive',
      0,
      Date.UTC(2026, 10, 29, 21, 0, 3),
      '[WORKER 2026-11-29 21:00:03Z INFO ActionManager] Check if action archive',
    ],
    [
      '[2026-11-29 21:00:04Z ERR  StepsRunner] Caught exception from step',
      0,
      Date.UTC(2026, 10, 29, 21, 0, 4),
      '[WORKER 2026-11-29 21:00:04Z ERR  StepsRunner] Caught exception from step',
    ],
    [
      '   at GitHub.Runner.Worker.StepsRunner.RunAsync()',
      42,
      42,
      '   at GitHub.Runner.Worker.StepsRunner.RunAsync()',
    ],
  ])('%s', (line, last, time, text) => {
    expect(readTraceFileLine(line, last)).toEqual({ time, text })
  })
})

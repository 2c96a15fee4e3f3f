import { parseArgs } from 'node:util'
import { err, ok, type Result } from '../../common/result'
import { RUNNER_CEILING, labelSchema } from '../../common/settings'
import { DEFAULT_API_URL, parseApiUrl, parseTarget, type Target } from '../../common/target'

/** Options shared by every pool-running command. */
export interface PoolFlags {
  readonly target: Target
  readonly runners: number
  readonly labels: readonly string[]
  readonly image: string | null
  readonly group: string | null
  readonly network: string | null
  readonly cpus: number | null
  readonly memoryMb: number | null
  readonly dockerAccess: boolean
}

/** A parsed command line: what to do, with every value already validated. */
export type CliCommand =
  | { readonly kind: 'help'; readonly topic: string | null }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'token-set' | 'token-status' | 'token-clear'
      readonly apiUrl: string
      readonly target: Target | null
    }
  | ({ readonly kind: 'up'; readonly apiUrl: string } & PoolFlags)
  | {
      readonly kind: 'doctor'
      readonly apiUrl: string
      readonly target: Target | null
      readonly image: string | null
      readonly network: string | null
    }
  | {
      readonly kind: 'serve'
      readonly apiUrl: string | null
      readonly port: number
      readonly host: string
      readonly open: boolean
    }

const OPTIONS = {
  'api-url': { type: 'string' },
  target: { type: 'string' },
  runners: { type: 'string' },
  labels: { type: 'string' },
  image: { type: 'string' },
  group: { type: 'string' },
  network: { type: 'string' },
  cpus: { type: 'string' },
  memory: { type: 'string' },
  'docker-access': { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  open: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string
}

// Which flags each command accepts, so a stray flag is an error rather than silently ignored.
const ALLOWED: Record<string, readonly (keyof typeof OPTIONS)[]> = {
  token: ['api-url', 'target'],
  up: [
    'api-url',
    'target',
    'runners',
    'labels',
    'image',
    'group',
    'network',
    'cpus',
    'memory',
    'docker-access',
  ],
  doctor: ['api-url', 'target', 'image', 'network'],
  serve: ['api-url', 'port', 'host', 'open'],
}

function number(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
  integer: boolean,
): Result<number | null, string> {
  if (text === undefined) return ok(null)
  const value = Number(text)
  if (
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < min ||
    value > max
  ) {
    return err(
      `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${text}").`,
    )
  }
  return ok(value)
}

function parseLabels(text: string | undefined): Result<string[], string> {
  if (text === undefined || text.trim() === '') return ok([])
  const labels = text
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
  for (const label of labels) {
    if (!labelSchema.safeParse(label).success)
      return err(`--labels: "${label}" is not a valid label (1-100 characters, no spaces).`)
  }
  // `self-hosted` is always added by the engine; listing it again is harmless.
  return ok(labels.filter((l) => l.toLowerCase() !== 'self-hosted'))
}

/**
 * Parses `runnerdock` arguments into a validated command; the error is one line that says what
 * was wrong and how to write it. Pure, so every rejection is unit-tested.
 */
export function parseCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Result<CliCommand, string> {
  let parsed: { values: Values; positionals: string[] }
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    }) as never
  } catch (error) {
    return err(`${(error as Error).message.split('\n')[0]} Run "runnerdock --help" for usage.`)
  }
  const { values, positionals } = parsed
  const [command, sub, ...rest] = positionals
  if (values.version) return ok({ kind: 'version' })
  if (values.help || command === undefined || command === 'help')
    return ok({ kind: 'help', topic: command === 'help' ? (sub ?? null) : (command ?? null) })
  const allowed = ALLOWED[command]
  if (!allowed)
    return err(
      `Unknown command "${command}". Commands: token, up, doctor, serve. Run "runnerdock --help".`,
    )
  for (const key of Object.keys(values) as (keyof typeof OPTIONS)[]) {
    if (key !== 'help' && key !== 'version' && !allowed.includes(key))
      return err(`"runnerdock ${command}" does not take --${key}.`)
  }
  const api = parseApiUrl(values['api-url'] ?? env.RUNNERDOCK_API_URL ?? DEFAULT_API_URL)
  if (!api.ok) return err(`--api-url: ${api.error}`)
  const apiUrl = api.value.apiUrl
  let target: Target | null = null
  if (values.target !== undefined) {
    const t = parseTarget(values.target)
    if (!t.ok) return err(`--target: ${t.error}`)
    target = t.value
  }
  if (command === 'token') {
    if (sub !== 'set' && sub !== 'status' && sub !== 'clear')
      return err('Use "runnerdock token set", "token status" or "token clear".')
    if (rest.length > 0)
      return err(
        `Unexpected argument "${rest[0]}": the token is read from standard input, never from the command line.`,
      )
    return ok({ kind: `token-${sub}`, apiUrl, target })
  }
  if (sub !== undefined) return err(`Unexpected argument "${sub}".`)
  if (command === 'doctor')
    return ok({
      kind: 'doctor',
      apiUrl,
      target,
      image: values.image ?? null,
      network: values.network ?? null,
    })
  if (command === 'serve') {
    const port = number('port', values.port, 0, 65535, true)
    if (!port.ok) return port
    // Serve keeps the API URL from settings unless one is given explicitly.
    const explicit = values['api-url'] !== undefined || env.RUNNERDOCK_API_URL !== undefined
    return ok({
      kind: 'serve',
      apiUrl: explicit ? apiUrl : null,
      port: port.value ?? 7420,
      host: values.host ?? '127.0.0.1',
      open: values.open ?? false,
    })
  }
  if (target === null)
    return err('--target is required: OWNER/REPO for a repository or ORG for an organization.')
  if (values.runners === undefined)
    return err(`--runners is required: how many runners to keep (0-${RUNNER_CEILING}).`)
  const runners = number('runners', values.runners, 0, RUNNER_CEILING, true)
  const cpus = number('cpus', values.cpus, 0.01, 1024, false)
  const memory = number('memory', values.memory, 64, 1_048_576, true)
  const labels = parseLabels(values.labels)
  for (const r of [runners, cpus, memory, labels]) if (!r.ok) return r
  return ok({
    kind: 'up',
    apiUrl,
    target,
    runners: (runners as { value: number }).value,
    labels: (labels as { value: string[] }).value,
    image: values.image ?? null,
    group: values.group ?? null,
    network: values.network ?? null,
    cpus: (cpus as { value: number | null }).value,
    memoryMb: (memory as { value: number | null }).value,
    dockerAccess: values['docker-access'] ?? false,
  })
}

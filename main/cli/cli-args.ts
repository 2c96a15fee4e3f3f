import { parseArgs } from 'node:util'
import { err, ok, type Result } from '../../common/result'
import {
  DEFAULT_API_URL,
  isLoopbackHost,
  parseApiUrl,
  parseTarget,
  type Target,
} from '../../common/target'
import { cacheKeyOf } from '../../common/cache-plan'
import { numberFlag, parsePoolFlags, type PoolFlags } from './pool-flags'

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
      /** Remove what an earlier run left (containers, registrations) when no pool runs. */
      readonly fix: boolean
    }
  | { readonly kind: 'jobs'; readonly since: string | null; readonly json: boolean }
  | { readonly kind: 'metrics' }
  | {
      readonly kind: 'cache'
      readonly action: 'list' | 'clear'
      /** OWNER/REPO, ORG or a key as `cache list` prints it; null: every target. */
      readonly target: string | null
      /** Given explicitly; otherwise the saved settings' API URL names the host. */
      readonly apiUrl: string | null
    }
  | {
      readonly kind: 'export-arc'
      readonly apiUrl: string
      /** The pool flags, or null to export the saved settings. */
      readonly pool: PoolFlags | null
      readonly out: string
    }
  | {
      readonly kind: 'serve'
      readonly apiUrl: string | null
      readonly port: number
      readonly host: string
      readonly open: boolean
      /** The user accepted serving the dashboard and its access token over plain HTTP beyond loopback. */
      readonly insecureCleartextRemote: boolean
    }

const OPTIONS = {
  'api-url': { type: 'string' },
  target: { type: 'string', multiple: true },
  'all-repos': { type: 'boolean' },
  runners: { type: 'string' },
  'on-demand': { type: 'boolean' },
  'min-idle': { type: 'string' },
  max: { type: 'string' },
  'idle-timeout': { type: 'string' },
  'allow-public': { type: 'string', multiple: true },
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
  'insecure-cleartext-remote': { type: 'boolean' },
  since: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  fix: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[K]['type'] extends 'boolean'
      ? boolean
      : string
}

// Flags that describe a pool: given any of them, `export arc` describes the pool from its flags.
const POOL_FLAG_NAMES = [
  'target',
  'all-repos',
  'runners',
  'on-demand',
  'min-idle',
  'max',
  'idle-timeout',
  'labels',
  'image',
  'group',
  'cpus',
  'memory',
  'docker-access',
] as const

// Which flags each command accepts, so a stray flag is an error rather than silently ignored.
const ALLOWED: Record<string, readonly (keyof typeof OPTIONS)[]> = {
  token: ['api-url', 'target'],
  up: [
    'api-url',
    'target',
    'all-repos',
    'runners',
    'on-demand',
    'min-idle',
    'max',
    'idle-timeout',
    'allow-public',
    'labels',
    'image',
    'group',
    'network',
    'cpus',
    'memory',
    'docker-access',
  ],
  doctor: ['api-url', 'target', 'image', 'network', 'fix'],
  jobs: ['since', 'json'],
  metrics: [],
  cache: ['api-url', 'target'],
  export: [
    'api-url',
    'target',
    'all-repos',
    'runners',
    'on-demand',
    'min-idle',
    'max',
    'idle-timeout',
    'labels',
    'image',
    'group',
    'cpus',
    'memory',
    'docker-access',
    'out',
  ],
  serve: ['api-url', 'port', 'host', 'open', 'insecure-cleartext-remote'],
}

/** The flag that lets `serve --host` listen beyond loopback over plain HTTP. */
export const INSECURE_CLEARTEXT_REMOTE_FLAG = '--insecure-cleartext-remote'

/**
 * Why `serve --host HOST` is refused, or null when it may listen there. Beyond loopback the
 * dashboard, the access token in its link and the cookie all travel as clear text, so listening
 * there needs an explicit flag that names the risk; an SSH tunnel is the safe way in.
 */
export function remoteServeRefusal(host: string, port: number, accepted: boolean): string | null {
  if (isLoopbackHost(host) || accepted) return null
  return (
    `--host ${host} would serve the dashboard over plain HTTP beyond this machine: the access token ` +
    `in its link and cookie would cross the network as clear text, and anyone who reads it controls ` +
    `your runners. Keep the default (127.0.0.1) and reach it through an SSH tunnel ` +
    `(ssh -L ${port}:127.0.0.1:${port} you@this-machine, then open the printed link), or pass ` +
    `${INSECURE_CLEARTEXT_REMOTE_FLAG} to accept that risk.`
  )
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
      `Unknown command "${command}". Commands: token, up, doctor, serve, jobs, metrics, cache, export. Run "runnerdock --help".`,
    )
  for (const key of Object.keys(values) as (keyof typeof OPTIONS)[]) {
    if (key !== 'help' && key !== 'version' && !allowed.includes(key))
      return err(`"runnerdock ${command}" does not take --${key}.`)
  }
  const api = parseApiUrl(values['api-url'] ?? env.RUNNERDOCK_API_URL ?? DEFAULT_API_URL)
  if (!api.ok) return err(`--api-url: ${api.error}`)
  const apiUrl = api.value.apiUrl
  let target: Target | null = null
  const manyTargets = command === 'up' || command === 'export'
  if (!manyTargets && (values.target?.length ?? 0) > 1)
    return err(`"runnerdock ${command}" takes one --target.`)
  // A cache is named like a target, or by its key with the host (`cache list` prints those).
  if (!manyTargets && command !== 'cache' && values.target?.[0] !== undefined) {
    const t = parseTarget(values.target[0])
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
  if (command === 'export') {
    if (sub !== 'arc' || rest.length > 0)
      return err('Use "runnerdock export arc [--out DIR] [pool flags]": ARC is the one format.')
    const given = POOL_FLAG_NAMES.some((flag) => values[flag] !== undefined)
    const pool = given ? parsePoolFlags(values) : null
    if (pool && !pool.ok) return pool
    return ok({
      kind: 'export-arc',
      apiUrl,
      pool: pool?.value ?? null,
      out: values.out ?? 'runnerdock-arc',
    })
  }
  if (command === 'cache') {
    if (sub !== 'list' && sub !== 'clear')
      return err('Use "runnerdock cache list" or "runnerdock cache clear [--target T]".')
    if (rest.length > 0) return err(`Unexpected argument "${rest[0]}".`)
    const text = values.target?.[0] ?? null
    if (text !== null) {
      const key = cacheKeyOf(text, api.value.host)
      if (!key.ok) return err(`--target: ${key.error}`)
    }
    const explicit = values['api-url'] !== undefined || env.RUNNERDOCK_API_URL !== undefined
    return ok({ kind: 'cache', action: sub, target: text, apiUrl: explicit ? apiUrl : null })
  }
  if (sub !== undefined) return err(`Unexpected argument "${sub}".`)
  if (command === 'doctor')
    return ok({
      kind: 'doctor',
      apiUrl,
      target,
      image: values.image ?? null,
      network: values.network ?? null,
      fix: values.fix ?? false,
    })
  if (command === 'jobs')
    return ok({ kind: 'jobs', since: values.since ?? null, json: values.json ?? false })
  if (command === 'metrics') return ok({ kind: 'metrics' })
  if (command === 'serve') {
    const port = numberFlag('port', values.port, 0, 65535, true)
    if (!port.ok) return port
    // Serve keeps the API URL from settings unless one is given explicitly.
    const explicit = values['api-url'] !== undefined || env.RUNNERDOCK_API_URL !== undefined
    const host = values.host ?? '127.0.0.1'
    const insecureCleartextRemote = values['insecure-cleartext-remote'] ?? false
    const refused = remoteServeRefusal(host, port.value ?? 7420, insecureCleartextRemote)
    if (refused !== null) return err(refused)
    return ok({
      kind: 'serve',
      apiUrl: explicit ? apiUrl : null,
      port: port.value ?? 7420,
      host,
      open: values.open ?? false,
      insecureCleartextRemote,
    })
  }
  const pool = parsePoolFlags(values)
  if (!pool.ok) return pool
  return ok({ kind: 'up', apiUrl, ...pool.value })
}

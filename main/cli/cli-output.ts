import { summarize, type PoolSnapshot } from '../../common/pool-status'
import { formatTarget } from '../../common/target'
import type { PoolNotice } from '../engine/pool/pool-types'

function clock(time: number): string {
  return new Date(time).toISOString().slice(11, 19)
}

/** One line for a notice: `12:00:01 rd-ab12cd34-9f0e Online, listening for jobs.` */
export function formatNotice(notice: PoolNotice): string {
  const level = notice.level === 'info' ? '' : `${notice.level.toUpperCase()}: `
  return `${clock(notice.time)} ${notice.runner ?? 'pool'} ${level}${notice.message}`
}

/**
 * The pool's state in one line; the CLI prints it only when it changes, so `up` writes one line
 * per state change rather than one per event.
 */
export function formatPoolLine(snapshot: PoolSnapshot): string {
  const s = summarize(snapshot)
  const names = snapshot.targets.map((t) => formatTarget(t.target))
  const where =
    names.length === 0
      ? 'no target'
      : names.length <= 3
        ? names.join(', ')
        : `${names.length} targets`
  const size =
    snapshot.mode === 'fixed'
      ? `${s.online}/${snapshot.desired * Math.max(1, names.length)} online`
      : `on demand (max ${snapshot.maxRunners}): ${s.online} online`
  const parts = [size, `${s.busy} busy`, `${s.idle} idle`, `${s.starting} starting`]
  const waiting = snapshot.targets
    .filter((t) => t.queued > 0)
    .map((t) => `${formatTarget(t.target)} ${t.queued}`)
  const queued = waiting.length > 0 ? `; jobs waiting: ${waiting.join(', ')}` : ''
  const held = snapshot.targets
    .filter((t) => t.blocked)
    .map((t) => ` — ${formatTarget(t.target)} on hold: ${t.blocked!.message}`)
    .join('')
  const blocked = snapshot.blocked ? ` — on hold: ${snapshot.blocked.message}` : ''
  const stopping =
    snapshot.stopping === 'no'
      ? ''
      : snapshot.stopping === 'drain'
        ? ' — draining'
        : ' — stopping now'
  const pull = snapshot.imagePull
    ? ` — pulling ${snapshot.imagePull.image} ${snapshot.imagePull.totalBytes > 0 ? Math.floor((100 * snapshot.imagePull.currentBytes) / snapshot.imagePull.totalBytes) : 0}%`
    : ''
  return `pool ${where}: ${parts.join(', ')}${queued}${stopping}${pull}${blocked}${held}`
}

/** `--help` text. */
export const HELP = `runnerdock — keep a pool of ephemeral GitHub Actions runners in Docker

Usage:
  runnerdock token set    [--api-url URL] [--target T]   read a token from stdin, check it, save it to the keychain
  runnerdock token status [--api-url URL] [--target T]   whose token is saved and what it may do
  runnerdock token clear  [--api-url URL]                remove the saved token
  runnerdock up --target OWNER/REPO|ORG [--target ...] | --all-repos
                (--runners N | --on-demand [--min-idle N] [--max N] [--idle-timeout 5m])
                [--labels a,b] [--image IMG] [--api-url URL] [--group NAME] [--network MODE]
                [--cpus N] [--memory MB] [--docker-access] [--allow-public OWNER/REPO ...]
                                                         run the pool in the foreground; Ctrl-C drains, twice stops now
                                                         --runners: a fixed pool, N runners per target
                                                         --on-demand: runners for queued jobs, --min-idle kept warm per
                                                           target, at most --max on this machine, idle ones removed
                                                           after --idle-timeout
  runnerdock doctor [--target T] [--api-url URL] [--image IMG] [--network MODE] [--fix]
                                                         check Docker (or find another engine), keychain, token,
                                                         target access, image, and that a runner reaches the API;
                                                         --fix removes containers and registrations a run left
  runnerdock jobs [--since 1d] [--json]                  the jobs that ran here: when, result, wait, duration
  runnerdock metrics                                     the job metrics in Prometheus's text format
  runnerdock cache list [--target T]                     each target's tool and action cache: size, who uses it,
                                                         the total against the cap (settings: cacheLimitGb)
  runnerdock cache clear [--target T]                    clear one target's caches, or all; a cache a running job
                                                         uses goes when its runner ends, new runners start empty
  runnerdock export arc [--out DIR] [pool flags as for up]
                                                         values files and a guide for actions-runner-controller
                                                         on Kubernetes (the saved settings without flags)
  runnerdock serve [--port P] [--host H] [--open] [--insecure-cleartext-remote]
                                                         run the engine with the dashboard in a browser; beyond
                                                         loopback only with the flag that accepts clear text

Runners are registered with self-hosted, the OS (Linux) and the architecture (X64, ARM64) of the
Docker host, runnerdock-<installation> and your --labels. A public repository gets no runners unless
you pass --allow-public for it: a pull request from a fork could run code on this machine.

The token is never taken from the command line. GITHUB_TOKEN in the environment is used instead of
the keychain when set (it is not saved). --api-url defaults to https://api.github.com; use
https://HOST/api/v3 for GitHub Enterprise Server.`

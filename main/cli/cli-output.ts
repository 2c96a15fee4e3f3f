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
  const where = snapshot.target ? formatTarget(snapshot.target) : 'no target'
  const parts = [
    `${s.online}/${s.desired} online`,
    `${s.busy} busy`,
    `${s.idle} idle`,
    `${s.starting} starting`,
  ]
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
  return `pool ${where}: ${parts.join(', ')}${stopping}${pull}${blocked}`
}

/** `--help` text. */
export const HELP = `runnerdock — keep a pool of ephemeral GitHub Actions runners in Docker

Usage:
  runnerdock token set    [--api-url URL] [--target T]   read a token from stdin, check it, save it to the keychain
  runnerdock token status [--api-url URL] [--target T]   whose token is saved and what it may do
  runnerdock token clear  [--api-url URL]                remove the saved token
  runnerdock up --target OWNER/REPO|ORG --runners N [--labels a,b] [--image IMG]
                [--api-url URL] [--group NAME] [--network MODE] [--cpus N] [--memory MB] [--docker-access]
                                                         run the pool in the foreground; Ctrl-C drains, twice stops now
  runnerdock doctor [--target T] [--api-url URL] [--image IMG] [--network MODE]
                                                         check Docker (or find another engine), keychain, token,
                                                         target access, image, and that a runner reaches the API
  runnerdock serve [--port P] [--host H] [--open]        run the engine with the dashboard in a browser

The token is never taken from the command line. GITHUB_TOKEN in the environment is used instead of
the keychain when set (it is not saved). --api-url defaults to https://api.github.com; use
https://HOST/api/v3 for GitHub Enterprise Server.`

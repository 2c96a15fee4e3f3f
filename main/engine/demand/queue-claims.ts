/** A matching job the lists show `queued`. */
export interface QueuedJob {
  readonly name: string
  readonly queuedAt: number
}

/** A job one of our runners said it took ("Running job: NAME" in its log), and when. */
export interface Claim {
  readonly runner: string
  readonly job: string
  readonly at: number
}

/**
 * GitHub's lists catch up with a runner within seconds; a claim older than this is dropped, so a
 * job that began and ended between two reads (never listed as taken) cannot hide a later job of
 * the same name for long.
 */
export const CLAIM_HORIZON_MS = 60_000

/**
 * The queued jobs that still wait for a runner, once our runners' own news is counted (oldest
 * first, as `queuedAt` times). GitHub's job lists lag behind the runners: a job one of ours took
 * can be listed `queued` for a read or more, and counting it would start a second runner that then
 * idles until its timeout. So each claim no read has yet listed as that runner's takes the oldest
 * queued job of the same name off; once a read lists the job with the runner's name, the list is
 * right by itself. A claim whose name matches nothing queued takes nothing off.
 */
export function unclaimedQueue(
  queued: readonly QueuedJob[],
  claims: readonly Claim[],
  listedAsRunner: (runnerName: string) => boolean,
  now: number,
): number[] {
  const left = [...queued].sort((a, b) => a.queuedAt - b.queuedAt)
  const counted = new Set<string>()
  for (const claim of claims) {
    if (counted.has(claim.runner) || listedAsRunner(claim.runner)) continue
    if (now - claim.at > CLAIM_HORIZON_MS) continue
    counted.add(claim.runner)
    const taken = left.findIndex((job) => job.name === claim.job)
    if (taken >= 0) left.splice(taken, 1)
  }
  return left.map((job) => job.queuedAt)
}

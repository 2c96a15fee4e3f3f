// Drives a running `runnerdock up` (and the emulator's job queue) to one cycle's kill moment, so
// the SIGKILL that follows lands where the plan says.
import type { Emulator, JobStatus } from '../emulator'
import type { CliProcess } from '../support/cli-process'
import type { InstallationView } from './installation-view'
import type { KillPlan } from './kill-moments'
import { pollUntil, sleep } from './poll'

/** What reaching a moment needs: the process, when it was spawned, the emulator, the pool. */
export interface MomentContext {
  readonly cli: CliProcess
  /** `performance.now()` when the process was spawned. */
  readonly spawnedAt: number
  readonly emulator: Emulator
  readonly target: { readonly owner: string; readonly repo: string }
  readonly size: number
  view(): Promise<InstallationView>
}

const MOMENT_TIMEOUT_MS = 30_000

/** Gets to the plan's moment; resolves with what was reached, in a few words, for the report. */
export async function reachMoment(plan: KillPlan, ctx: MomentContext): Promise<string> {
  switch (plan.moment) {
    case 'just-started': {
      const wait = plan.delayMs - (performance.now() - ctx.spawnedAt)
      await sleep(Math.max(0, wait))
      return `${plan.delayMs} ms after spawn`
    }
    case 'creating': {
      await pollUntil(
        async () => (await ctx.view()).registrations.length > 0,
        MOMENT_TIMEOUT_MS,
        () => `no registration appeared:\n${ctx.cli.output()}`,
        5,
      )
      await sleep(plan.delayMs)
      return `first registration +${plan.delayMs} ms`
    }
    case 'some-online': {
      await pollUntil(
        async () =>
          (await ctx.view()).registrations.filter((r) => r.status === 'online').length >=
          plan.count,
        MOMENT_TIMEOUT_MS,
        () => `${plan.count} runner(s) never came online:\n${ctx.cli.output()}`,
        10,
      )
      return `${plan.count} of ${ctx.size} online`
    }
    case 'idle':
      await sleep(plan.delayMs)
      return `whole pool +${plan.delayMs} ms`
    case 'job': {
      const ids = Array.from({ length: plan.count }, (_, i) =>
        queue(ctx, `chaos-${plan.cycle}-${i}`, 'sleep 3; echo done'),
      )
      await untilAny(ctx, ids, 'in_progress')
      await sleep(plan.delayMs)
      return `${plan.count} job(s) of 3 s, one started +${plan.delayMs} ms`
    }
    case 'replacement': {
      const id = queue(ctx, `chaos-${plan.cycle}`, 'echo quick')
      await untilAny(ctx, [id], 'completed')
      await sleep(plan.delayMs)
      return `job completed +${plan.delayMs} ms`
    }
    case 'drain': {
      if (plan.withJob)
        await untilAny(
          ctx,
          [queue(ctx, `chaos-${plan.cycle}`, 'sleep 2; echo done')],
          'in_progress',
        )
      ctx.cli.child.kill('SIGINT')
      await sleep(plan.delayMs)
      return `SIGINT${plan.withJob ? ' with a job running' : ''} +${plan.delayMs} ms`
    }
  }
}

function queue(ctx: MomentContext, name: string, script: string): number {
  return ctx.emulator.queueJob(ctx.target, { name, labels: ['self-hosted'], script })
}

async function untilAny(ctx: MomentContext, ids: readonly number[], status: JobStatus) {
  await pollUntil(
    () => ids.some((id) => ctx.emulator.job(id)?.status === status),
    MOMENT_TIMEOUT_MS,
    () => `no job of ${ids.join(', ')} reached ${status}:\n${ctx.cli.output()}`,
    10,
  )
}

// Everything the emulator remembers, in one place so `reset()` can put it all back.
import { AccountState } from './account'
import { DeviceFlow } from './device-flow'
import { Dispatcher, type DispatchTiming } from './dispatcher'
import { Faults } from './faults'
import { groupServesRepo } from './group-access'
import { JobStore, type JobRecord } from './job-store'
import { PrimaryRateLimits } from './rate-limits'
import type { RunnerGroupRecord } from './runner-groups'
import { RunnerStore, type RunnerRecord } from './runner-store'
import { StatsCounter } from './stats'
import { TokenRegistry } from './tokens'

/** The emulator's whole state: stores, switches and counters. */
export class EmulatorState {
  readonly tokens = new TokenRegistry()
  readonly rateLimits = new PrimaryRateLimits()
  readonly faults = new Faults()
  readonly stats = new StatsCounter()
  readonly runners = new RunnerStore()
  readonly jobs = new JobStore()
  readonly account = new AccountState()
  readonly devices = new DeviceFlow()
  readonly dispatcher: Dispatcher
  /** While true the runner endpoints answer 503, as if GitHub were unreachable for runners. */
  runnerOutage = false
  /** Base URL runner containers use to reach the emulator (set once the server listens). */
  runnerBaseUrl = ''
  /** How long stand-in runners minted from now on wait before opening their session. */
  runnerStartupDelayMs: number

  constructor(
    readonly timing: DispatchTiming,
    private readonly initialStartupDelayMs = 0,
  ) {
    this.runnerStartupDelayMs = initialStartupDelayMs
    this.dispatcher = new Dispatcher(this.runners, this.jobs, timing, {
      groupName: (r) => this.groupOf(r)?.name ?? 'Default',
      groupServes: (r, job) => this.groupServes(r, job),
    })
  }

  /** An org runner's group; undefined for repository runners (their group is `Default`). */
  private groupOf(runner: RunnerRecord): RunnerGroupRecord | undefined {
    if (runner.scope.kind === 'repo') return undefined
    return this.account.groups.of(runner.scope.org).find((g) => g.id === runner.groupId)
  }

  /** Repository runners serve their repository; org runners as their group allows. */
  private groupServes(runner: RunnerRecord, job: JobRecord): boolean {
    if (runner.scope.kind === 'repo') return true
    const group = this.groupOf(runner)
    const repo = this.account.repos.get(job.owner, job.repo)
    return group !== undefined && repo !== undefined && groupServesRepo(group, repo)
  }

  /** Forgets runners, jobs, tokens, flows and faults (the start-up delay goes back to the one the
   * emulator started with); open polls are answered first. */
  reset(): void {
    this.dispatcher.releaseAll()
    this.tokens.reset()
    this.rateLimits.reset()
    this.faults.reset()
    this.stats.reset()
    this.runners.reset()
    this.jobs.reset()
    this.account.reset()
    this.devices.reset()
    this.runnerOutage = false
    this.runnerStartupDelayMs = this.initialStartupDelayMs
  }
}

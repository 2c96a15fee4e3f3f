// Everything the emulator remembers, in one place so `reset()` can put it all back.
import { AccountState } from './account'
import { DeviceFlow } from './device-flow'
import { Dispatcher, type DispatchTiming } from './dispatcher'
import { Faults } from './faults'
import { JobStore } from './job-store'
import { PrimaryRateLimits } from './rate-limits'
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

  constructor(readonly timing: DispatchTiming) {
    this.dispatcher = new Dispatcher(this.runners, this.jobs, timing, (r) => this.groupName(r))
  }

  /** The name of a runner's group (`Default` for repository runners). */
  groupName(runner: RunnerRecord): string {
    if (runner.scope.kind === 'repo') return 'Default'
    const group = this.account.groupsOf(runner.scope.org).find((g) => g.id === runner.groupId)
    return group?.name ?? 'Default'
  }

  /** Forgets runners, jobs, tokens, flows and faults; open polls are answered first. */
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
  }
}

import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import { startTimeFromStat } from './pool-lock-record'

/**
 * What the pool lock asks about processes. Linux answers from /proc (start time in clock ticks,
 * boot id); macOS from `ps -o lstart=` and `sysctl -n kern.boottime`; Windows knows liveness only,
 * so there a live pid keeps its lock (the message names the file to delete if it is not ours).
 */
export interface ProcessProbe {
  alive(pid: number): boolean
  start(pid: number): Promise<string | null>
  /** Epoch ms the process started, for records without a start time (Linux only). */
  startedAtMs(pid: number): Promise<number | null>
  boot(): Promise<string | null>
  host(): string
}

// Linux's USER_HZ, the unit of /proc/<pid>/stat start times; 100 on every mainstream architecture.
const TICKS_PER_SECOND = 100

function run(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: 2000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } },
      (error, stdout) => resolve(error ? null : stdout.trim() || null),
    )
  })
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8')
  } catch {
    return null
  }
}

/** The real probe for this platform. */
export function createProcessProbe(platform: NodeJS.Platform = process.platform): ProcessProbe {
  return {
    alive(pid) {
      try {
        process.kill(pid, 0)
        return true
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM'
      }
    },
    async start(pid) {
      if (platform === 'linux') {
        const stat = await readText(`/proc/${pid}/stat`)
        return stat === null ? null : startTimeFromStat(stat)
      }
      if (platform === 'darwin') return run('ps', ['-o', 'lstart=', '-p', String(pid)])
      return null
    },
    async startedAtMs(pid) {
      if (platform !== 'linux') return null
      const [stat, system] = await Promise.all([
        readText(`/proc/${pid}/stat`),
        readText('/proc/stat'),
      ])
      const ticks = stat === null ? null : startTimeFromStat(stat)
      const btime = /^btime (\d+)$/m.exec(system ?? '')?.[1]
      if (ticks === null || btime === undefined) return null
      return Number(btime) * 1000 + (Number(ticks) * 1000) / TICKS_PER_SECOND
    },
    async boot() {
      if (platform === 'linux')
        return (await readText('/proc/sys/kernel/random/boot_id'))?.trim() || null
      if (platform === 'darwin') {
        const text = await run('sysctl', ['-n', 'kern.boottime'])
        return /sec = \d+, usec = \d+/.exec(text ?? '')?.[0] ?? null
      }
      return null
    },
    host: () => os.hostname(),
  }
}

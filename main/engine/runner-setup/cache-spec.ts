import type { RunnerSpecExtras } from '../pool/runner-attachments'
import { CACHE_MOUNT, HOOK_FILE, HOSTED_TOOL_CACHE, JOB_STARTED_HOOK } from './cache-scripts'

// What a runner with caches is given (docs/caches.md): where its tool cache is, the two volume
// mounts and the variables that point the runner, the setup-* actions and its hook at them.

/** Where a runner's private tool cache is mounted (see CacheAttachmentOptions.workFolder). */
export function toolCachePath(workFolder: string | null): string {
  return workFolder === null ? HOSTED_TOOL_CACHE : `${workFolder.replace(/\/+$/, '')}/_tool`
}

/** The container spec additions of a runner with caches. */
export function cacheSpec(input: {
  readonly toolVolume: string
  readonly cacheVolume: string
  readonly toolCache: string
  /** Whether to set RunnerDock's job-started hook (not when the image has its own). */
  readonly hook: boolean
}): RunnerSpecExtras {
  const { toolCache } = input
  return {
    extraBinds: [`${input.toolVolume}:${toolCache}`, `${input.cacheVolume}:${CACHE_MOUNT}:ro`],
    env: [
      `RUNNER_TOOL_CACHE=${toolCache}`,
      `AGENT_TOOLSDIRECTORY=${toolCache}`,
      `ACTIONS_RUNNER_ACTION_ARCHIVE_CACHE=${CACHE_MOUNT}/actions`,
      ...(input.hook ? [`${JOB_STARTED_HOOK}=${toolCache}/${HOOK_FILE}`] : []),
    ],
  }
}

/** The count a helper printed last (`linked 3`, `published 1`, `stored 2`), or 0. */
export function countFrom(output: string, word: 'linked' | 'published' | 'stored'): number {
  const last = output.trim().split('\n').at(-1) ?? ''
  const match = new RegExp(`^${word} (\\d+)\\s*$`).exec(last)
  return match ? Number(match[1]) : 0
}

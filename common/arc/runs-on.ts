/** Stands for the architecture label, which depends on the Docker host: X64, ARM64 or ARM. */
export const ARCH_LABEL = '<architecture>'

/**
 * The labels RunnerDock gives every runner besides the user's (docs/github-facts.md, "Labels"):
 * `self-hosted`, `Linux`, the Docker host's architecture and `runnerdock-<installation>`.
 */
export const RUNNERDOCK_LABELS = ['self-hosted', 'Linux', ARCH_LABEL, 'runnerdock-<installation>']

/**
 * A `runs-on` that selects this pool's runners today, as workflows usually write it: the built-in
 * labels lowercased, the x64 architecture, then the user's labels (matching ignores case).
 */
export function runsOnTodayLabels(userLabels: readonly string[]): string[] {
  const builtIn = ['self-hosted', 'linux', 'x64']
  return [...builtIn, ...userLabels.filter((l) => !builtIn.includes(l.toLowerCase()))]
}

/** `runsOnTodayLabels` as workflow YAML writes it: `[self-hosted, linux, x64, gpu]`. */
export function runsOnToday(userLabels: readonly string[]): string {
  return `[${runsOnTodayLabels(userLabels).join(', ')}]`
}

/**
 * The labels that cannot follow the pool to ARC: with the pinned chart a scale set answers only to its
 * own name, so every label a RunnerDock runner carries is left behind.
 */
export function labelsLeftBehind(userLabels: readonly string[]): string[] {
  const seen = new Set(['self-hosted', 'linux'])
  const extra = userLabels.filter((l) => !seen.has(l.toLowerCase()))
  return [...RUNNERDOCK_LABELS, ...extra]
}

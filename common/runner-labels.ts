/**
 * The labels a runner is registered with. A JIT runner gets exactly the labels it is sent, nothing
 * implicit (docs/github-facts.md, Labels), so the defaults `config.sh` would add (`self-hosted`, the
 * OS and the architecture) are sent explicitly; otherwise `runs-on: [self-hosted, linux, x64]`
 * would never find our runners.
 */

/** What the Docker daemon reports its containers run on (Go names: `linux`, `amd64`). */
export interface DockerPlatform {
  readonly os: string
  readonly arch: string
}

/** GitHub's OS label for a Go OS name. */
export function osLabel(goOs: string): string {
  switch (goOs.toLowerCase()) {
    case 'windows':
      return 'Windows'
    case 'darwin':
      return 'macOS'
    default:
      return 'Linux'
  }
}

/** GitHub's architecture label for a Go architecture name, or null for one GitHub has no label for. */
export function archLabel(goArch: string): string | null {
  switch (goArch.toLowerCase()) {
    case 'amd64':
    case 'x86_64':
      return 'X64'
    case 'arm64':
    case 'aarch64':
      return 'ARM64'
    case 'arm':
    case 'armv7l':
      return 'ARM'
    case '386':
      return 'X86'
    default:
      return null
  }
}

/** A GitHub label that tags every runner of this installation (jobs may also target it). */
export function installationLabel(installationId: string): string {
  return `runnerdock-${installationId}`
}

/**
 * The exact label set: `self-hosted`, the OS, the architecture, the installation label, then the
 * user's own (duplicates of the defaults dropped, case-insensitively).
 */
export function runnerLabelSet(
  installationId: string,
  userLabels: readonly string[],
  platform: DockerPlatform,
): string[] {
  const arch = archLabel(platform.arch)
  const defaults = ['self-hosted', osLabel(platform.os), ...(arch ? [arch] : [])]
  const all = [...defaults, installationLabel(installationId), ...userLabels]
  const seen = new Set<string>()
  return all.filter((l) => !seen.has(l.toLowerCase()) && seen.add(l.toLowerCase()))
}

/**
 * Whether a runner with `runnerLabels` can take a job whose `runs-on` is `jobLabels`: every label
 * of the job is on the runner, compared without regard to case (GitHub's rule).
 */
export function labelsSatisfy(
  jobLabels: readonly string[],
  runnerLabels: readonly string[],
): boolean {
  const have = new Set(runnerLabels.map((l) => l.toLowerCase()))
  return jobLabels.length > 0 && jobLabels.every((l) => have.has(l.toLowerCase()))
}

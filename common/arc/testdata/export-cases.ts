import type { PoolDescription } from '../pool-description'

const base: PoolDescription = {
  apiUrl: 'https://api.github.com',
  targets: [],
  mode: { kind: 'fixed', runners: 2 },
  labels: [],
  runnerGroup: null,
  image: 'ghcr.io/actions/actions-runner:latest',
  cpus: null,
  memoryMb: null,
  dockerAccess: false,
}

/** The pools the golden files fix, one per folder under testdata/golden/. */
export const EXPORT_CASES: Record<string, PoolDescription> = {
  // A repository target with a fixed count, CPU and memory limits and a label of the user's.
  repository: {
    ...base,
    targets: [{ kind: 'repo', owner: 'octo', repo: 'app' }],
    labels: ['gpu'],
    cpus: 2,
    memoryMb: 4096,
  },
  // An organization in a runner group, on demand.
  'organization-group': {
    ...base,
    targets: [{ kind: 'org', org: 'octo-org' }],
    mode: { kind: 'on-demand', minIdle: 1, max: 8 },
    runnerGroup: 'ci',
  },
  // GitHub Enterprise Server: the web host, a group that a repository cannot carry, a fractional CPU.
  'enterprise-server': {
    ...base,
    apiUrl: 'https://ghe.example.com/api/v3',
    targets: [{ kind: 'repo', owner: 'platform', repo: 'build.tools' }],
    mode: { kind: 'on-demand', minIdle: 0, max: 4 },
    runnerGroup: 'build',
    cpus: 1.5,
  },
  // Docker access, and two targets sharing RunnerDock's machine-wide maximum.
  'docker-access': {
    ...base,
    targets: [
      { kind: 'repo', owner: 'octo', repo: 'app' },
      { kind: 'org', org: 'octo-org' },
    ],
    mode: { kind: 'on-demand', minIdle: 1, max: 6 },
    labels: ['docker', 'large'],
    memoryMb: 8192,
    dockerAccess: true,
  },
}

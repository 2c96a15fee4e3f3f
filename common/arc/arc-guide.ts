import { formatTarget } from '../target'
import { ARC_CHART_VERSION, CONTROLLER_RELEASE } from './arc-chart'
import type { ArcExportOptions } from './arc-options'
import { MARKDOWN_MARKER_LINE } from './export-marker'
import {
  controllerInstallCommand,
  scaleSetInstallCommand,
  secretCommands,
} from './install-commands'
import type { PoolDescription } from './pool-description'
import { ARCH_LABEL, labelsLeftBehind, runsOnToday, runsOnTodayLabels } from './runs-on'
import type { ScaleSetPlan } from './scale-set-plan'

/** The guide's file name, next to the values files. */
export const GUIDE_FILE_NAME = 'arc-guide.md'

const code = (lines: string[]) => ['```sh', ...lines, '```']

function runners(plan: ScaleSetPlan): string {
  const { minRunners, maxRunners } = plan.values
  return minRunners === maxRunners ? `${minRunners}` : `${minRunners} idle, up to ${maxRunners}`
}

function tokenNeeds(plans: readonly ScaleSetPlan[]): string[] {
  const repo = plans.some((p) => p.target.kind === 'repo')
  const org = plans.some((p) => p.target.kind === 'org')
  return [
    "The token needs, per GitHub's docs on authenticating ARC:",
    '',
    ...(repo
      ? [
          '- repositories: a classic token with the `repo` scope, or a fine-grained token with',
          `  repository **Administration: Read and write**${org ? ';' : '.'}`,
        ]
      : []),
    ...(org
      ? [
          '- organizations: a classic token with the `admin:org` scope, or a fine-grained token with',
          '  organization **Self-hosted runners: Read and write** and **Administration: Read**.',
        ]
      : []),
    '',
    'GitHub recommends a GitHub App for repository and organization runners; its secret holds',
    "`github_app_id`, `github_app_installation_id` and `github_app_private_key` instead (the chart's",
    'values.yaml shows the command). The command above leaves the token in your shell history: clear',
    'it afterwards, or use `--from-file=github_token=PATH` instead of `--from-literal`.',
  ]
}

/**
 * The Markdown guide for a whole export: install the controller, create the secret, install each
 * scale set, move workflows over while RunnerDock keeps running, and what differs on ARC.
 */
export function renderGuide(
  plans: readonly ScaleSetPlan[],
  description: PoolDescription,
  options: ArcExportOptions,
): string {
  const ghes = plans.find((p) => p.config.enterpriseServer)
  const first = plans[0]!
  const lines = [
    MARKDOWN_MARKER_LINE,
    '',
    '# Moving the RunnerDock pool to Actions Runner Controller',
    '',
    `RunnerDock wrote one values file per target for ARC's \`gha-runner-scale-set\` Helm chart, pinned`,
    `to version ${ARC_CHART_VERSION}. Install the controller chart at the same version: ARC's two charts are`,
    'released together.',
    '',
    '| Target | Scale set (`runs-on`) | Values file | Runners |',
    '| --- | --- | --- | --- |',
    ...plans.map(
      (p) =>
        `| ${formatTarget(p.target)} (${p.target.kind === 'repo' ? 'repository' : 'organization'}) | \`${p.name}\` | \`${p.fileName}\` | ${runners(p)} |`,
    ),
    '',
    '## Before you start',
    '',
    '- A Kubernetes cluster, with `kubectl` and Helm 3 pointed at it.',
    ...(ghes
      ? [
          `- GitHub Enterprise Server 3.9 or later on ${ghes.config.host}: runner scale sets need it.`,
        ]
      : []),
    ...(description.dockerAccess
      ? [
          '- The runners namespace must allow privileged pods: Docker access runs a privileged',
          '  Docker-in-Docker sidecar next to each runner.',
        ]
      : []),
    '',
    '## 1. Install the controller (once per cluster)',
    '',
    ...code(controllerInstallCommand(options)),
    '',
    '## 2. Create the secret that holds the token',
    '',
    `The values name the secret \`${options.secretName}\`; it holds the token under the key \`github_token\`.`,
    'Type your token in place of `<YOUR TOKEN>`:',
    '',
    ...code(secretCommands(options)),
    '',
    ...tokenNeeds(plans),
    '',
    '## 3. Install the scale sets',
    '',
    'From the folder that holds the values files:',
    '',
    ...code(
      plans.flatMap((p, i) => [
        ...(i > 0 ? [''] : []),
        ...scaleSetInstallCommand(p.name, p.fileName, options),
      ]),
    ),
    '',
    `\`kubectl get pods --namespace ${options.controllerNamespace}\` then shows the controller and one listener`,
    `per scale set. Runner pods run in \`${options.runnersNamespace}\`: \`minRunners\` of them while idle, more`,
    'as jobs arrive.',
    '',
    '## 4. Point workflows at the scale sets',
    '',
    `With chart ${ARC_CHART_VERSION} a scale set is chosen by its name alone: \`runs-on\` names the scale`,
    'set and nothing else. No RunnerDock label set carries over:',
    '',
    '| Today (RunnerDock) | On ARC |',
    '| --- | --- |',
    ...plans.map(
      (p) => `| \`runs-on: ${runsOnToday(description.labels)}\` | \`runs-on: ${p.name}\` |`,
    ),
    '',
    `Left behind: ${labelsLeftBehind(description.labels)
      .map((l) => (l === ARCH_LABEL ? 'the architecture (`X64`, `ARM64` or `ARM`)' : `\`${l}\``))
      .join(', ')}.`,
    '',
    'Workflows that choose between kinds of machine by label need one scale set per kind, each',
    'chosen by name.',
    '',
    '## Running both side by side',
    '',
    "1. Keep the RunnerDock pool running while you install ARC. They do not get in each other's way:",
    '   RunnerDock only touches its own runners and containers, and each job goes to the side its',
    '   `runs-on` names.',
    '2. Move workflows one at a time by changing `runs-on`. To switch many at once, read it from a',
    '   configuration variable first, `runs-on: ${{ fromJSON(vars.RUNS_ON) }}` with `RUNS_ON` set to',
    `   \`${JSON.stringify(runsOnTodayLabels(description.labels))}\`, then change the variable to \`"${first.name}"\`.`,
    '3. When no workflow uses the old labels, stop the RunnerDock pool (drain lets running jobs finish).',
    '',
    '## What is different on ARC',
    '',
    '- The same runner: the image and `/home/runner/run.sh`, a one-time JIT config, one job per runner.',
    description.dockerAccess
      ? "- Docker: each runner pod has its own Docker daemon (Docker-in-Docker) instead of this machine's\n  socket. Images are pulled again for every runner; nothing is shared between runners."
      : '- Docker: still none, as in RunnerDock.',
    '- Caches: a runner pod starts empty; nothing stays on a node between jobs. Use `actions/cache` or',
    '  a registry mirror for what used to stay on the machine.',
    "- Capacity: `maxRunners` is per scale set, not per machine, and Kubernetes reserves each runner's",
    '  CPU and memory limits on a node.',
    '',
    '## Undo',
    '',
    ...code([
      ...plans.map((p) => `helm uninstall ${p.name} --namespace ${options.runnersNamespace}`),
      `helm uninstall ${CONTROLLER_RELEASE} --namespace ${options.controllerNamespace}`,
    ]),
    '',
  ]
  return lines.join('\n')
}

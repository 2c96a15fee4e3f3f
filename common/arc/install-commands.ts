import {
  ARC_CHART_VERSION,
  CONTROLLER_CHART,
  CONTROLLER_RELEASE,
  SCALE_SET_CHART,
} from './arc-chart'
import type { ArcExportOptions } from './arc-options'

/** `helm install` for ARC's controller, pinned to the exported chart version (GitHub's quickstart). */
export function controllerInstallCommand(options: ArcExportOptions): string[] {
  return [
    `helm install ${CONTROLLER_RELEASE} \\`,
    `  --namespace ${options.controllerNamespace} \\`,
    '  --create-namespace \\',
    `  ${CONTROLLER_CHART} \\`,
    `  --version ${ARC_CHART_VERSION}`,
  ]
}

/** `helm install` for one scale set; the release is named after the scale set. */
export function scaleSetInstallCommand(
  name: string,
  fileName: string,
  options: ArcExportOptions,
): string[] {
  return [
    `helm install ${name} \\`,
    `  --namespace ${options.runnersNamespace} \\`,
    '  --create-namespace \\',
    `  -f ${fileName} \\`,
    `  ${SCALE_SET_CHART} \\`,
    `  --version ${ARC_CHART_VERSION}`,
  ]
}

/** The secret the values point at, with a placeholder where the user types the token. */
export function secretCommands(options: ArcExportOptions): string[] {
  return [
    `kubectl create namespace ${options.runnersNamespace}`,
    `kubectl create secret generic ${options.secretName} \\`,
    `  --namespace ${options.runnersNamespace} \\`,
    `  --from-literal=github_token='<YOUR TOKEN>'`,
  ]
}

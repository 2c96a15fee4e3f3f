import type { Settings } from '../../common/settings'
import type { RunnerDockMetrics } from '../engine/metrics/runnerdock-metrics'
import { startMetricsEndpoint, type MetricsEndpoint } from '../services/metrics-endpoint'

/**
 * The desktop app's Prometheus endpoint, on while the setting says so (off by default): started,
 * moved to a new port or stopped as the settings change. A failure (the port is taken) is told.
 */
export function registerMetricsEndpoint(options: {
  configDir: string
  metrics: RunnerDockMetrics
  settings: () => Settings
  onSettings: (listener: () => void) => () => void
  onError: (message: string) => void
}): void {
  let running: { port: number; endpoint: MetricsEndpoint } | null = null
  let applying = Promise.resolve()
  const apply = () =>
    (applying = applying.then(async () => {
      const { metricsEnabled, metricsPort } = options.settings()
      if (running && (!metricsEnabled || running.port !== metricsPort)) {
        await running.endpoint.close()
        running = null
      }
      if (!metricsEnabled || running) return
      try {
        const endpoint = await startMetricsEndpoint({
          configDir: options.configDir,
          port: metricsPort,
          exposition: async () => ({
            contentType: options.metrics.contentType,
            body: await options.metrics.exposition(),
          }),
        })
        running = { port: metricsPort, endpoint }
      } catch (error) {
        options.onError(
          `Metrics are not served: port ${metricsPort} on 127.0.0.1 could not be opened (${(error as Error).message}). Choose another port in Settings.`,
        )
      }
    }))
  options.onSettings(() => void apply())
  void apply()
}

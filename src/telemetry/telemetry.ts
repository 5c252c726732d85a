import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import type { Config } from '../config/config';

export interface Telemetry {
  /** True when an exporter runs: a connection string was configured. */
  readonly enabled: boolean;
  /** Sends what is buffered and stops the exporters; at process end. */
  shutdown(): Promise<void>;
}

const disabled: Telemetry = { enabled: false, shutdown: async () => undefined };

/**
 * What the Azure Monitor distro is started with, or undefined when nothing may leave the process.
 * It instruments incoming and outgoing HTTP (the API, the bot endpoint, the Bot Connector, later
 * Graph) and pg (every query, inside the request or job that made it); the follow-up jobs add their
 * own span and metrics (job-metrics.ts).
 */
export function telemetryOptions(config: Pick<Config, 'telemetry'>): AzureMonitorOpenTelemetryOptions | undefined {
  const connectionString = config.telemetry.connectionString;
  if (!connectionString) return undefined;
  return {
    azureMonitorExporterOptions: { connectionString },
    instrumentationOptions: {
      http: { enabled: true },
      postgreSql: { enabled: true },
      // Not used by Kansrijk: no patching of what is not there.
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
    // Live Metrics keeps a second channel to Azure open all the time; off, as the distro's default.
    enableLiveMetrics: false,
  };
}

/**
 * Starts Azure Monitor's OpenTelemetry distro when configured. It must run before http and pg are
 * first required (src/telemetry/preload.ts, the first import of src/main.ts), since the distro
 * instruments them as they load.
 */
export function startTelemetry(config: Pick<Config, 'telemetry'>): Telemetry {
  const options = telemetryOptions(config);
  if (!options) return disabled;
  // Loaded only when configured: about 1,600 modules and seconds of start-up that an instance
  // without a connection string should not pay, nor hold in memory.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const distro = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
  distro.useAzureMonitor(options);
  return { enabled: true, shutdown: () => distro.shutdownAzureMonitor() };
}

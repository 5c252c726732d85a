/**
 * Imported first by src/main.ts, before anything that loads http or pg: the distro can only
 * instrument modules required after it started. A bad configuration starts no telemetry; main
 * reports it by name a moment later.
 */
import { ConfigError, loadConfig } from '../config/config';
import { startTelemetry, type Telemetry } from './telemetry';

function fromEnvironment(): Telemetry {
  try {
    return startTelemetry(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError) return { enabled: false, shutdown: async () => undefined };
    throw error;
  }
}

export const telemetry: Telemetry = fromEnvironment();

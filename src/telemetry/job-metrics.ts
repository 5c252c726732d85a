import { metrics, SpanStatusCode, trace, type Counter, type Histogram, type MeterProvider } from '@opentelemetry/api';

const SCOPE = 'kansrijk';

interface Instruments {
  provider: MeterProvider;
  runs: Counter;
  duration: Histogram;
}

let instruments: Instruments | undefined;

/**
 * The OpenTelemetry API hands out no-op meters until an SDK registers, and (unlike tracers) does
 * not forward them later: the instruments are made from the provider registered now.
 */
function current(): Instruments {
  const provider = metrics.getMeterProvider();
  if (instruments?.provider !== provider) {
    const meter = provider.getMeter(SCOPE);
    instruments = {
      provider,
      runs: meter.createCounter('kansrijk.jobs', { description: 'Background jobs run (follow-up planning and dispatch), by job and outcome' }),
      duration: meter.createHistogram('kansrijk.job.duration', { description: 'How long a background job ran', unit: 's' }),
    };
  }
  return instruments;
}

export type JobName = 'follow-up.tick' | 'follow-up.dispatch';

/**
 * Runs one background job inside its own span (so its queries and outbound calls nest under it)
 * and counts it with its duration. Attributes stay low-cardinality: job and outcome, no tenant.
 */
export async function measureJob<T>(job: JobName, work: () => Promise<T>, spanAttributes: Record<string, string> = {}): Promise<T> {
  const { runs, duration } = current();
  const started = performance.now();
  return trace.getTracer(SCOPE).startActiveSpan(`job ${job}`, { attributes: { 'kansrijk.job': job, ...spanAttributes } }, async (span) => {
    let outcome: 'ok' | 'error' = 'ok';
    try {
      return await work();
    } catch (error) {
      outcome = 'error';
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      const attributes = { 'kansrijk.job': job, 'kansrijk.job.outcome': outcome };
      runs.add(1, attributes);
      duration.record((performance.now() - started) / 1000, attributes);
      span.end();
    }
  });
}

import { metrics, trace } from '@opentelemetry/api';
import { transformFileSync } from '@swc/core';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../../src/config/config';
import { measureJob } from '../../src/telemetry/job-metrics';
import { startTelemetry, telemetryOptions } from '../../src/telemetry/telemetry';

/** One item as Application Insights' ingestion endpoint receives it (POST /v2.1/track). */
interface Envelope {
  name: string;
  iKey?: string;
  data?: { baseType?: string; baseData?: { name?: string; metrics?: { name: string; value: number; count?: number }[]; properties?: Record<string, string> } };
}

/** A certificate for 127.0.0.1 made for this run: the exporter speaks HTTPS only, as Azure does. */
function loopbackCertificate(dir: string): { key: Buffer; cert: Buffer; certFile: string } {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), certFile };
}

let tls: ReturnType<typeof loopbackCertificate>;
let tlsDir: string;
beforeAll(() => {
  tlsDir = mkdtempSync(path.join(tmpdir(), 'kansrijk-telemetry-tls-'));
  tls = loopbackCertificate(tlsDir);
});
afterAll(() => rmSync(tlsDir, { recursive: true, force: true }));

/** A loopback stand-in for the ingestion endpoint: it records every envelope and answers as Azure does. */
function ingestionStandIn(): Promise<{ server: Server; url: string; envelopes: Envelope[]; paths: string[] }> {
  const envelopes: Envelope[] = [];
  const paths: string[] = [];
  const server = createServer({ key: tls.key, cert: tls.cert }, (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      paths.push(`${req.method} ${req.url}`);
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const text = body.toString('utf8').trim();
      const items = text.startsWith('[') ? (JSON.parse(text) as Envelope[]) : text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Envelope);
      envelopes.push(...items);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, envelopes, paths })),
  );
}

const root = path.resolve(__dirname, '../..');

/**
 * The distro instruments modules through Node's own require, and its exporter loads parts with a
 * dynamic import(): neither works inside jest's module registry. So the telemetry modules are
 * compiled as the build does (swc) and run in a plain node process that starts telemetry first,
 * serves one request, calls out once inside a follow-up job, fails a second job and shuts down.
 */
async function runInstrumentedProcess(env: Record<string, string>): Promise<{ enabled: boolean; distroLoaded: boolean; tick: string; dispatch: string }> {
  const work = mkdtempSync(path.join(tmpdir(), 'kansrijk-telemetry-'));
  try {
    for (const file of ['src/config/config.ts', 'src/telemetry/telemetry.ts', 'src/telemetry/job-metrics.ts']) {
      const { code } = transformFileSync(path.join(root, file), { swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } });
      mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
      writeFileSync(path.join(work, file.replace(/\.ts$/, '.js')), code);
    }
    writeFileSync(
      path.join(work, 'run.js'),
      `
      const { loadConfig } = require('./src/config/config.js');
      const { startTelemetry } = require('./src/telemetry/telemetry.js');
      const telemetry = startTelemetry(loadConfig(process.env, { stdoutIsTty: false }));
      const http = require('node:http'); // after the start, as src/main.ts loads it
      const { measureJob } = require('./src/telemetry/job-metrics.js');
      const get = (url) => new Promise((resolve, reject) => http.get(url, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject));
      (async () => {
        const server = http.createServer((req, res) => res.end('ok'));
        await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
        const own = 'http://127.0.0.1:' + server.address().port;
        const tick = await measureJob('follow-up.tick', async () => { await get(own + '/v3/conversations'); return 'planned'; });
        const dispatch = await measureJob('follow-up.dispatch', async () => { throw new Error('Teams said 503'); }).catch((e) => e.message);
        await new Promise((resolve) => server.close(resolve));
        await telemetry.shutdown();
        const distroLoaded = Object.keys(require.cache).some((k) => k.includes('@azure/monitor-opentelemetry'));
        process.stdout.write(JSON.stringify({ enabled: telemetry.enabled, distroLoaded, tick, dispatch }));
      })().catch((e) => { console.error(e); process.exit(1); });
      `,
    );
    const { stdout } = await execFileAsync(process.execPath, [path.join(work, 'run.js')], {
      timeout: 45_000,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_PATH: path.join(root, 'node_modules'),
        // The SDK's own usage reports would go to Microsoft's endpoint, not to the stand-in.
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
        APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
        // The stand-in's certificate; and every trace kept, where production samples adaptively.
        NODE_EXTRA_CA_CERTS: tls.certFile,
        OTEL_TRACES_SAMPLER: 'always_on',
        ...env,
      },
    });
    return JSON.parse(stdout) as { enabled: boolean; distroLoaded: boolean; tick: string; dispatch: string };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const execFileAsync = promisify(execFile);
const iKey = '00000000-0000-4000-8000-000000000abc';

describe('telemetry', () => {
  test('the connection string is checked by the config, naming the variable', () => {
    expect(loadConfig({}).telemetry.connectionString).toBeUndefined();
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://example.org' })).toThrow(/APPLICATIONINSIGHTS_CONNECTION_STRING/);
    const connectionString = `InstrumentationKey=${iKey};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/`;
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }).telemetry.connectionString).toBe(connectionString);
  });

  test('without a connection string nothing is started, so nothing can be sent; jobs still run', async () => {
    expect(telemetryOptions(loadConfig({}))).toBeUndefined();
    const telemetry = startTelemetry(loadConfig({}));
    expect(telemetry.enabled).toBe(false);
    // No SDK registered: the global providers are the API's no-ops, which export nothing.
    expect(metrics.getMeterProvider().constructor.name).toBe('NoopMeterProvider');
    expect((trace.getTracerProvider() as unknown as { getDelegate(): object }).getDelegate().constructor.name).toBe('NoopTracerProvider');
    await expect(measureJob('follow-up.tick', async () => 42)).resolves.toBe(42);
    await expect(measureJob('follow-up.dispatch', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await telemetry.shutdown();
  });

  test('with one, incoming requests, outbound calls and the follow-up job metrics and spans arrive at its ingestion endpoint', async () => {
    const ingestion = await ingestionStandIn();
    try {
      const run = await runInstrumentedProcess({ APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${iKey};IngestionEndpoint=${ingestion.url}/` });
      expect(run).toEqual({ enabled: true, distroLoaded: true, tick: 'planned', dispatch: 'Teams said 503' });

      expect(ingestion.paths.length).toBeGreaterThan(0);
      expect(new Set(ingestion.paths)).toEqual(new Set(['POST /v2.1/track']));
      expect(ingestion.envelopes.every((e) => e.iKey === iKey)).toBe(true);
      const metricItems = ingestion.envelopes.filter((e) => e.data?.baseType === 'MetricData');
      const named = (name: string) => metricItems.filter((e) => e.data?.baseData?.metrics?.some((m) => m.name === name));
      expect(named('kansrijk.jobs').map((e) => e.data?.baseData?.properties)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ 'kansrijk.job': 'follow-up.tick', 'kansrijk.job.outcome': 'ok' }),
          expect.objectContaining({ 'kansrijk.job': 'follow-up.dispatch', 'kansrijk.job.outcome': 'error' }),
        ]),
      );
      expect(named('kansrijk.job.duration').length).toBeGreaterThan(0);
      const spans = (type: string) => ingestion.envelopes.filter((e) => e.data?.baseType === type).map((e) => e.data?.baseData?.name);
      // The job spans; the call made inside the tick is an outbound dependency; the server saw a request.
      expect([...spans('RequestData'), ...spans('RemoteDependencyData')]).toEqual(expect.arrayContaining(['job follow-up.tick', 'job follow-up.dispatch']));
      expect(spans('RemoteDependencyData')).toEqual(expect.arrayContaining([expect.stringMatching(/^GET\b/)]));
      expect(spans('RequestData')).toEqual(expect.arrayContaining([expect.stringMatching(/^GET\b/)]));
    } finally {
      await new Promise((resolve) => ingestion.server.close(resolve));
    }
  }, 60_000);

  test('without one, the same process loads no exporter and sends nothing anywhere', async () => {
    const ingestion = await ingestionStandIn();
    try {
      // The stand-in's address is in the environment, but not as a connection string: it must stay silent.
      const run = await runInstrumentedProcess({ KANSRIJK_UNUSED_INGESTION: ingestion.url });
      expect(run).toEqual({ enabled: false, distroLoaded: false, tick: 'planned', dispatch: 'Teams said 503' });
      expect(ingestion.paths).toEqual([]);
    } finally {
      await new Promise((resolve) => ingestion.server.close(resolve));
    }
  }, 60_000);
});

import Fastify from 'fastify';
import { PassThrough } from 'node:stream';
import { loadConfig } from '../../src/config/config';
import { installRequestLog, loggerOptions, oneLinePerRequest } from '../../src/http/logging';

/** A server logging into memory in the given format, with one route that answers 201. */
async function capture(format: 'pretty' | 'json') {
  const out = new PassThrough();
  const lines: string[] = [];
  out.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const app = Fastify({ logger: loggerOptions({ logLevel: 'info', logFormat: format }, out), logController: oneLinePerRequest() });
  installRequestLog(app);
  app.post('/api/v1/things', async (_request, reply) => reply.code(201).send({ ok: true }));
  await app.ready();
  await app.inject({ method: 'POST', url: '/api/v1/things?x=1', payload: {} });
  await app.inject({ method: 'GET', url: '/nowhere' });
  await app.inject({ method: 'GET', url: '/q/SECRET-one-time-token_123?lang=en' });
  await app.close();
  await new Promise((resolve) => setImmediate(resolve));
  return lines;
}

describe('request logs', () => {
  test('pretty: one readable line per request with method, url, status and time, no JSON', async () => {
    const lines = await capture('pretty');
    const requestLines = lines.filter((l) => /\b(POST|GET) \//.test(l));
    expect(requestLines).toHaveLength(3);
    expect(requestLines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/api\/v1\/things\?x=1 201 \d+(\.\d)? ms$/);
    expect(requestLines[1]).toMatch(/GET \/nowhere 404 \d+(\.\d)? ms$/);
    for (const line of lines) expect(line.trim().startsWith('{')).toBe(false);
    // Fastify's own "incoming request" / "request completed" pair is gone.
    expect(lines.join('\n')).not.toMatch(/incoming request|request completed/);
  });

  test('json: one object per request carrying the same fields', async () => {
    const lines = await capture('json');
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = entries.filter((e) => 'statusCode' in e);
    expect(requests).toHaveLength(3);
    expect(requests[0]).toEqual(
      expect.objectContaining({ method: 'POST', url: '/api/v1/things?x=1', statusCode: 201, responseTime: expect.any(Number), level: 30 }),
    );
    expect(requests[1]).toEqual(expect.objectContaining({ method: 'GET', statusCode: 404 }));
  });
});

describe('secrets in paths', () => {
  test.each(['pretty', 'json'] as const)("%s: a one-time link's token never reaches the log", async (format) => {
    const lines = await capture(format);
    expect(lines.join('\n')).not.toContain('SECRET-one-time-token_123');
    expect(lines.some((l) => l.includes('/q/[token]?lang=en'))).toBe(true);
  });
});

describe('LOG_FORMAT', () => {
  const tty = { stdoutIsTty: true };
  const piped = { stdoutIsTty: false };
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://u:p@db.example.org:5432/kansrijk?sslmode=require',
    PUBLIC_URL: 'https://kansrijk.example.org',
    ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
    ENTRA_APP_ID_URI: 'api://kansrijk.example.org/11111111-1111-4111-8111-111111111111',
    BOT_ID: '22222222-2222-4222-8222-222222222222',
    BOT_PASSWORD: 'secret',
    BOT_TENANT_ID: '33333333-3333-4333-8333-333333333333',
  };

  test('is pretty on a terminal, JSON when piped, in production and on App Service', () => {
    expect(loadConfig({}, tty).logFormat).toBe('pretty');
    expect(loadConfig({}, piped).logFormat).toBe('json');
    expect(loadConfig(production, tty).logFormat).toBe('json');
    expect(loadConfig({ WEBSITE_SITE_NAME: 'kansrijk-app' }, tty).logFormat).toBe('json');
  });

  test('an explicit value wins, and a wrong one is named', () => {
    expect(loadConfig({ LOG_FORMAT: 'json' }, tty).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, piped).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' }, tty)).toThrow(/LOG_FORMAT/);
  });
});

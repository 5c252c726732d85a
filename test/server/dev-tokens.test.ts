import { SignJWT } from 'jose';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEV_SECRET_FILE, withDevTokenSecret } from '../../src/auth/dev-secret';
import { createTokenVerifier, signDevToken } from '../../src/auth/token-verifier';
import { loadConfig } from '../../src/config/config';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * Dev sign-in: tokens must expire, and the signing secret belongs to the data folder instead of
 * being a constant anyone can read in the repository.
 */

let t: TestApp;
const folders: string[] = [];
const tenantId = demoTenants.beekvliet.id;
const coordinator = { tenantId, userId: demoUsers.coordinator, name: 'Lotte Peeters' };

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function dataDir(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-dev-secret-'));
  folders.push(folder);
  return path.join(folder, 'data');
}

/** A token shaped exactly like signDevToken's, with the expiry left to the test. */
function devToken(secret: string, expiry: (jwt: SignJWT) => SignJWT): Promise<string> {
  const jwt = new SignJWT({ tid: tenantId, oid: demoUsers.coordinator, name: 'Lotte Peeters', scp: 'access_as_user', ver: '2.0' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(`https://kansrijk.localhost/${tenantId}/v2.0`)
    .setAudience('api://localhost/kansrijk-dev')
    .setSubject(demoUsers.coordinator)
    .setIssuedAt();
  return expiry(jwt).sign(new TextEncoder().encode(secret));
}

const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

describe('dev tokens expire', () => {
  test('a dev token without exp is refused with 401, the same token with exp is accepted', async () => {
    const secret = t.config.auth.devTokenSecret!;
    const withExp = await me(await devToken(secret, (jwt) => jwt.setExpirationTime('5m')));
    expect(withExp.statusCode).toBe(200);
    const without = await me(await devToken(secret, (jwt) => jwt));
    expect(without.statusCode).toBe(401);
    expect(without.headers['content-type']).toMatch(/problem\+json/);
    expect(without.json<{ detail: string }>().detail).toMatch(/exp/);
  });

  test('an expired dev token is refused', async () => {
    const expired = await devToken(t.config.auth.devTokenSecret!, (jwt) => jwt.setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600));
    expect((await me(expired)).statusCode).toBe(401);
  });

  test('the tokens the server signs carry exp', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/dev/token', payload: coordinator });
    const { token } = response.json<{ token: string }>();
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp?: number; iat?: number };
    expect(typeof claims.exp).toBe('number');
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(12 * 3600);
  });
});

describe('the dev signing secret', () => {
  test('is generated per data folder, private to its owner, and kept across restarts', async () => {
    const dir = dataDir();
    const config = withDevTokenSecret(loadConfig({ AUTH_MODE: 'dev', DATA_DIR: dir }));
    const file = path.join(dir, DEV_SECRET_FILE);
    const secret = config.auth.devTokenSecret!;
    expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // 32 random bytes, base64url.
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);

    const again = withDevTokenSecret(loadConfig({ AUTH_MODE: 'dev', DATA_DIR: dir }));
    expect(again.auth.devTokenSecret).toBe(secret);
    // A token from before the restart still verifies.
    const token = await signDevToken(config, coordinator);
    await expect(createTokenVerifier(again).verify(token)).resolves.toMatchObject({ userId: demoUsers.coordinator });

    const other = withDevTokenSecret(loadConfig({ AUTH_MODE: 'dev', DATA_DIR: dataDir() }));
    expect(other.auth.devTokenSecret).not.toBe(secret);
    await expect(createTokenVerifier(other).verify(token)).rejects.toMatchObject({ status: 401 });
  });

  test('the config stays frozen, and nothing is written outside dev mode or with DEV_TOKEN_SECRET set', () => {
    const dir = dataDir();
    const config = withDevTokenSecret(loadConfig({ AUTH_MODE: 'dev', DATA_DIR: dir }));
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.auth)).toBe(true);

    const explicit = 'x'.repeat(40);
    const given = withDevTokenSecret(loadConfig({ AUTH_MODE: 'dev', DATA_DIR: dataDir(), DEV_TOKEN_SECRET: explicit }));
    expect(given.auth.devTokenSecret).toBe(explicit);
    const entraDir = dataDir();
    const entra = withDevTokenSecret(loadConfig({ AUTH_MODE: 'entra', ENTRA_CLIENT_ID: 'c', ENTRA_APP_ID_URI: 'api://x/c', DATA_DIR: entraDir }));
    expect(entra.auth.devTokenSecret).toBeUndefined();
    expect(existsSync(entraDir)).toBe(false);
  });

  test('there is no built-in secret: without one, dev sign-in refuses to start', () => {
    const config = loadConfig({ AUTH_MODE: 'dev' });
    expect(config.auth.devTokenSecret).toBeUndefined();
    expect(() => createTokenVerifier(config)).toThrow(/signing secret/);
    expect(() => loadConfig({ AUTH_MODE: 'dev', DEV_TOKEN_SECRET: 'too short' })).toThrow(/DEV_TOKEN_SECRET/);
  });

  test('a widened file is narrowed again, and an empty one is refused rather than trusted', () => {
    const dir = dataDir();
    const secret = withDevTokenSecret(loadConfig({ AUTH_MODE: 'dev', DATA_DIR: dir })).auth.devTokenSecret;
    const file = path.join(dir, DEV_SECRET_FILE);
    chmodSync(file, 0o644);
    expect(withDevTokenSecret(loadConfig({ AUTH_MODE: 'dev', DATA_DIR: dir })).auth.devTokenSecret).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    writeFileSync(file, '\n');
    expect(() => withDevTokenSecret(loadConfig({ AUTH_MODE: 'dev', DATA_DIR: dir }))).toThrow(/no usable secret/);
  });
});

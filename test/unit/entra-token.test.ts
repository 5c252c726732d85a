import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createTokenVerifier } from '../../src/auth/token-verifier';
import { loadConfig } from '../../src/config/config';

/**
 * The production path: Entra v2 access tokens checked against keys served by a JWKS
 * stand-in on loopback (what login.microsoftonline.com serves in production).
 */
const tenantId = '9b9b9b9b-1111-4222-8333-444444444444';
const clientId = '5c5c5c5c-1111-4222-8333-444444444444';
const appIdUri = `api://kansrijk.example.org/${clientId}`;

let server: Server;
let authority: string;
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let privateKey: PrivateKey;
let otherKey: PrivateKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    if (req.url === '/common/discovery/v2.0/keys') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function verifier() {
  return createTokenVerifier(
    loadConfig({ AUTH_MODE: 'entra', ENTRA_CLIENT_ID: clientId, ENTRA_APP_ID_URI: appIdUri, ENTRA_AUTHORITY: authority }),
  );
}

interface Claims {
  iss?: string;
  aud?: string;
  scp?: string;
  tid?: string;
  exp?: number;
  key?: PrivateKey;
}

async function token(claims: Claims = {}): Promise<string> {
  const tid = claims.tid ?? tenantId;
  const jwt = new SignJWT({ tid, oid: 'user-oid-1', name: 'Lotte Peeters', scp: claims.scp ?? 'access_as_user', ver: '2.0' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(claims.iss ?? `${authority}/${tid}/v2.0`)
    .setAudience(claims.aud ?? appIdUri)
    .setIssuedAt();
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  else jwt.setExpirationTime('1h');
  return jwt.sign(claims.key ?? privateKey);
}

describe('Entra SSO token verification', () => {
  test('a valid token yields the principal', async () => {
    await expect(verifier().verify(await token())).resolves.toEqual({ tenantId, userId: 'user-oid-1', name: 'Lotte Peeters' });
  });

  test('the client id is accepted as audience too', async () => {
    await expect(verifier().verify(await token({ aud: clientId }))).resolves.toEqual(expect.objectContaining({ tenantId }));
  });

  test.each([
    ['a wrong signature', { key: undefined as PrivateKey | undefined, signWithOther: true }],
    ['another audience', { aud: 'api://someone-else' }],
    ['an issuer of another tenant', { iss: 'ISSUER_OTHER' }],
    ['no access_as_user scope', { scp: 'User.Read' }],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 3600 }],
  ])('rejects %s', async (_label, spec) => {
    const claims: Claims = { ...spec } as Claims;
    if ('signWithOther' in spec) claims.key = otherKey;
    if (claims.iss === 'ISSUER_OTHER') claims.iss = `${authority}/00000000-0000-4000-8000-000000000000/v2.0`;
    await expect(verifier().verify(await token(claims))).rejects.toMatchObject({ status: 401 });
  });
});

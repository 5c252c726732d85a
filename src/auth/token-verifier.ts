import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config';
import { unauthorized } from '../shared/errors';
import type { Principal } from './principal';

const SCOPE = 'access_as_user';
const DEV_AUDIENCE = 'api://localhost/kansrijk-dev';

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

interface VerifierSettings {
  key: Uint8Array | JWTVerifyGetKey;
  audiences: string[];
  issuerFor: (tenantId: string) => string;
}

/**
 * One verification path for both modes: Entra v2 access tokens in production, tokens the
 * server signed itself in dev mode. Only the key source and audience differ.
 */
export function createTokenVerifier(config: Config): TokenVerifier {
  const settings = verifierSettings(config);
  return {
    async verify(token) {
      let tenantId: string;
      try {
        const unverified = decodeJwt(token);
        if (typeof unverified.tid !== 'string' || !unverified.tid) throw new Error('no tid');
        tenantId = unverified.tid;
      } catch {
        throw unauthorized('The bearer token is not a readable JWT with a tenant (tid) claim');
      }
      let payload: JWTPayload;
      // exp is required: jose checks it only when present, and a token without one never expires.
      const options = { issuer: settings.issuerFor(tenantId), audience: settings.audiences, requiredClaims: ['exp'] };
      try {
        const verified =
          settings.key instanceof Uint8Array ? await jwtVerify(token, settings.key, options) : await jwtVerify(token, settings.key, options);
        payload = verified.payload;
      } catch (error) {
        throw unauthorized(`The bearer token was rejected: ${error instanceof Error ? error.message : 'invalid token'}`);
      }
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(SCOPE)) throw unauthorized(`The bearer token lacks the ${SCOPE} scope`);
      const userId = payload.oid;
      if (typeof userId !== 'string' || !userId) throw unauthorized('The bearer token has no user object id (oid)');
      const name = typeof payload.name === 'string' ? payload.name : userId;
      return { tenantId, userId, name };
    },
  };
}

function verifierSettings(config: Config): VerifierSettings {
  if (config.auth.mode === 'dev') {
    return {
      key: devKey(config),
      audiences: [DEV_AUDIENCE],
      issuerFor: (tid) => devIssuer(tid),
    };
  }
  const authority = config.auth.authority;
  const jwksUrl = config.auth.jwksUrl ?? `${authority}/common/discovery/v2.0/keys`;
  const audiences = [config.auth.appIdUri, config.auth.clientId].filter((a): a is string => Boolean(a));
  return {
    key: createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 6 * 60 * 60 * 1000 }),
    audiences,
    issuerFor: (tid) => `${authority}/${tid}/v2.0`,
  };
}

function devKey(config: Config): Uint8Array {
  const secret = config.auth.devTokenSecret;
  if (secret === undefined) throw new Error('dev sign-in has no signing secret: set DEV_TOKEN_SECRET or load the config through withDevTokenSecret');
  return new TextEncoder().encode(secret);
}

function devIssuer(tenantId: string): string {
  return `https://kansrijk.localhost/${tenantId}/v2.0`;
}

/** Dev mode only: a token shaped like an Entra v2 access token, signed with the local key. */
export async function signDevToken(config: Config, principal: Principal): Promise<string> {
  if (config.auth.mode !== 'dev') throw new Error('dev tokens exist only in AUTH_MODE=dev');
  return new SignJWT({ tid: principal.tenantId, oid: principal.userId, name: principal.name, scp: SCOPE, ver: '2.0' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(devIssuer(principal.tenantId))
    .setAudience(DEV_AUDIENCE)
    .setSubject(principal.userId)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(devKey(config));
}

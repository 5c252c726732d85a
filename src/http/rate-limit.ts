import type { FastifyInstance, FastifyReply } from 'fastify';
import ipaddr from 'ipaddr.js';
import { decodeJwt, type JWTPayload } from 'jose';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config/config';
import { AppError } from '../shared/errors';

/** The API, the bot endpoint (under /api/), the dev sign-in and the public answer form (/q/); not /healthz, not the static tabs. */
const LIMITED_PREFIXES = ['/api/', '/dev/', '/q/'];
const WINDOW_SECONDS = 60;
// Claims longer than any Entra id or dev id are not worth a key of their own: the IP limit covers them.
const MAX_CLAIM_LENGTH = 100;
const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * tenant id + user object id from a bearer JWT, read without checking its signature: checking it
 * costs more than what it protects, and a forged token only moves its sender to another user
 * bucket, while its IP bucket (the larger limit) still fills.
 */
export function userKeyOf(authorization: string | undefined): string | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    return undefined;
  }
  const usable = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_CLAIM_LENGTH;
  return usable(claims.tid) && usable(claims.oid) ? `${claims.tid}:${claims.oid}` : undefined;
}

/**
 * The per-IP bucket of an address. Ports are dropped (Azure's front end writes "ip:port" into
 * X-Forwarded-For, which would give every connection a fresh bucket), IPv4-mapped IPv6 counts as
 * IPv4, and IPv6 is bucketed per /64, the smallest block a home or office line gets.
 */
export function addressKeyOf(ip: string): string {
  let address = ip.trim();
  address = /^\[([^\]]+)\](?::\d+)?$/.exec(address)?.[1] ?? address;
  address = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address)?.[1] ?? address;
  address = address.replace(/%.*$/, '');
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}

function isLimited(url: string): boolean {
  return LIMITED_PREFIXES.some((prefix) => url.startsWith(prefix));
}

async function take(limiter: RateLimiterMemory, key: string, who: string, reply: FastifyReply): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    reply.header('retry-after', String(seconds));
    throw new AppError(429, 'rate_limited', 'Too many requests', `Too many requests from ${who} (at most ${limiter.points} a minute); try again in ${seconds} s`);
  }
}

/**
 * Per user and per IP, in memory: one instance's view. That is enough to keep one person or
 * one machine from taking a server for itself; it is no replacement for a front door's limits.
 */
export function installRateLimit(app: FastifyInstance, limits: Config['rateLimit']): void {
  const perIp = new RateLimiterMemory({ keyPrefix: 'ip', points: limits.ipPerMinute, duration: WINDOW_SECONDS });
  const perUser = new RateLimiterMemory({ keyPrefix: 'user', points: limits.userPerMinute, duration: WINDOW_SECONDS });
  app.addHook('onRequest', async (request, reply) => {
    if (!isLimited(request.url)) return;
    await take(perIp, addressKeyOf(request.ip), 'this address', reply);
    const user = userKeyOf(request.headers.authorization);
    if (user) await take(perUser, user, 'this user', reply);
  });
}

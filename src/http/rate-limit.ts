import type { FastifyInstance, FastifyReply } from 'fastify';
import { isIPv4, isIPv6 } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config/config';
import { AppError } from './problems';

/** The API, the bot endpoint (under /api/) and the dev sign-in; not /healthz, not the static tabs. */
const LIMITED_PREFIXES = ['/api/', '/dev/'];
const WINDOW_SECONDS = 60;
// Claims longer than any Entra id or dev id are not worth a key of their own: the IP limit covers them.
const MAX_CLAIM_LENGTH = 100;
const MAX_PAYLOAD_LENGTH = 8 * 1024;

/**
 * tenant id + user object id from a bearer JWT, read without checking its signature: checking it
 * costs more than what it protects, and a forged token only moves its sender to another user
 * bucket, while its IP bucket (the larger limit) still fills.
 */
export function userKeyOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+[\w-]+\.([\w-]+)\.[\w-]*$/i.exec(authorization ?? '');
  const payload = match?.[1];
  if (!payload || payload.length > MAX_PAYLOAD_LENGTH) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!claims || typeof claims !== 'object') return undefined;
  const { tid, oid } = claims as { tid?: unknown; oid?: unknown };
  const usable = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_CLAIM_LENGTH;
  return usable(tid) && usable(oid) ? `${tid}:${oid}` : undefined;
}

function expandIPv6(address: string): string[] {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (isIPv4(tail)) {
    const [a, b, c, d] = tail.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const zeros = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((h) => h.toLowerCase().replace(/^0+(?=.)/, ''));
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
  if (/^::ffff:/i.test(address) && isIPv4(address.slice(7))) return address.slice(7);
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
  return address;
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

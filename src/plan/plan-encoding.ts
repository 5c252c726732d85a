import { Negotiator } from '@fastify/accept-negotiator';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';
/** The body as sent: compressed, or the plain UTF-8 bytes when the client asked for no encoding. */
export type BodyEncoding = Encoding | 'identity';

/** The encoding to answer with, by Accept-Encoding's preferences (the negotiator @fastify/compress uses too). */
const negotiator = new Negotiator<Encoding>({ supportedValues: ['br', 'gzip'] });

export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  return (header && negotiator.negotiate(header)) || undefined;
}

const ENTRIES = 40;

/**
 * Plan bodies by ETag and encoding. An ETag names one text, shared by every reader with the same
 * rights, so its bytes can be shared too: a 1 MB plan is joined, encoded to UTF-8 and compressed
 * once per change, not once per read.
 */
export function createEncodedCache() {
  const cache = new Map<string, Buffer>();
  return {
    get(etag: string, encoding: BodyEncoding, text: () => string): Buffer {
      const key = `${encoding} ${etag}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      // Brotli at a middle quality: close to gzip's speed, a good deal smaller.
      const bytes =
        encoding === 'br'
          ? brotliCompressSync(text(), { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
          : encoding === 'gzip'
            ? gzipSync(text(), { level: 6 })
            : Buffer.from(text(), 'utf8');
      cache.set(key, bytes);
      if (cache.size > ENTRIES) cache.delete(cache.keys().next().value as string);
      return bytes;
    },
  };
}

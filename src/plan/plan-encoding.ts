import { Negotiator } from '@fastify/accept-negotiator';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** The encoding to answer with, by Accept-Encoding's preferences (the negotiator @fastify/compress uses too). */
const negotiator = new Negotiator<Encoding>({ supportedValues: ['br', 'gzip'] });

export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  return (header && negotiator.negotiate(header)) || undefined;
}

const ENTRIES = 40;

/**
 * Compressed plan bodies by ETag. The plan of a trajectory is the same text for every reader
 * (who may read it is decided before), and an ETag names one text, so the bytes can be shared:
 * a 2 MB plan is compressed once per change, not once per read.
 */
export function createEncodedCache() {
  const cache = new Map<string, Buffer>();
  return {
    get(etag: string, encoding: Encoding, text: string): Buffer {
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
          ? brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
          : gzipSync(text, { level: 6 });
      cache.set(key, bytes);
      if (cache.size > ENTRIES) cache.delete(cache.keys().next().value as string);
      return bytes;
    },
  };
}

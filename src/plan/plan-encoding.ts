import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** The encoding to answer with, from Accept-Encoding: brotli when allowed, else gzip, else none. */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = (Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '')).toLowerCase();
  const allowed = new Map(
    header
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([name]) => name)
      .map(([name = '', ...params]) => [name.trim(), Number(/q=([0-9.]+)/.exec(params.join(';'))?.[1] ?? 1)] as const),
  );
  const ok = (name: Encoding) => (allowed.get(name) ?? allowed.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
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

import { zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

// A fixed timestamp keeps the archive byte-for-byte reproducible for the same input.
const FIXED_TIME = new Date('2024-01-01T00:00:00');

/** A ZIP archive in memory (deflate): all a Teams app package needs, written by fflate. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const files: Zippable = Object.fromEntries(entries.map((e) => [e.name, [new Uint8Array(e.data), { mtime: FIXED_TIME }]]));
  return Buffer.from(zipSync(files, { level: 9 }));
}

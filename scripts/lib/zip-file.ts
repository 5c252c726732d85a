import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';

export interface ZipFileEntry {
  /** Path inside the archive, with forward slashes. */
  name: string;
  /** The file on disk. */
  source: string;
  /** Unix permission bits, kept so that an unpacked file stays executable where it was. */
  mode: number;
}

// A fixed timestamp keeps the archive byte-for-byte reproducible for the same input.
const FIXED_TIME = new Date('2024-01-01T00:00:00');
const UNIX = 3;

/**
 * Writes a ZIP archive file by file through fflate's streaming writer, so that a package with
 * node_modules never sits in memory whole.
 */
export function writeZipFile(target: string, entries: readonly ZipFileEntry[]): { bytes: number } {
  mkdirSync(dirname(target), { recursive: true });
  const fd = openSync(target, 'w');
  let bytes = 0;
  let failure: Error | null = null;
  try {
    // fflate's synchronous classes call back before push() returns, so the file is written in order.
    const zip = new Zip((error, chunk) => {
      if (error) failure = error;
      else {
        writeSync(fd, chunk);
        bytes += chunk.length;
      }
    });
    for (const entry of entries) {
      const file = new ZipDeflate(entry.name, { level: 6 });
      file.mtime = FIXED_TIME;
      file.os = UNIX;
      file.attrs = ((0o100000 | (entry.mode & 0o7777)) << 16) >>> 0;
      zip.add(file);
      file.push(readFileSync(entry.source), true);
    }
    zip.end();
  } finally {
    closeSync(fd);
  }
  if (failure) throw failure;
  return { bytes };
}

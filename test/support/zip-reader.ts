import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import yauzl from 'yauzl';

/*
 * Archives are written with fflate (scripts/lib); the tests read them back with another
 * library, yauzl, which checks sizes and CRCs on its own.
 */
export interface ReadEntry {
  name: string;
  data: Buffer;
  /** Unix permission bits, when the archive records them. */
  mode: number;
}

export function readZipEntries(zip: Buffer): Promise<ReadEntry[]> {
  return new Promise((done, fail) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (error, archive) => {
      if (error) return fail(error);
      const entries: ReadEntry[] = [];
      archive.on('error', fail);
      archive.on('end', () => done(entries));
      archive.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return archive.readEntry();
        archive.openReadStream(entry, (openError, stream) => {
          if (openError) return fail(openError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks), mode: (entry.externalFileAttributes >>> 16) & 0o7777 });
            archive.readEntry();
          });
        });
      });
      archive.readEntry();
    });
  });
}

/** Unpacks into a folder; a crafted name such as ../../etc/x must not write outside it. */
export async function extractZip(zip: Buffer, folder: string): Promise<{ files: number }> {
  const root = resolve(folder);
  const entries = await readZipEntries(zip);
  for (const entry of entries) {
    const target = resolve(join(root, entry.name));
    if (!target.startsWith(root + sep)) throw new Error(`${entry.name}: outside the target folder`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.data, { mode: entry.mode || 0o644 });
  }
  return { files: entries.length };
}

import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
// zlib's native CRC: over tens of thousands of files the JavaScript one in ./crc32 costs seconds.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipFileEntry {
  /** Path inside the archive, with forward slashes. */
  name: string;
  /** The file on disk. */
  source: string;
  /** Unix permission bits, kept so that an unpacked file stays executable where it was. */
  mode: number;
}

// The format's own limits without zip64, which a deploy package of a few hundred MB never needs.
const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;

// A fixed timestamp keeps the archive byte-for-byte reproducible for the same input.
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;
const UNIX_MADE_BY = (3 << 8) | 20;

/**
 * Writes a ZIP archive file by file, so that a package with node_modules never has to sit in
 * memory whole (scripts/lib/zip.ts builds small archives in one buffer). Deflate, no zip64.
 */
export function writeZipFile(target: string, entries: readonly ZipFileEntry[]): { bytes: number } {
  if (entries.length > MAX_ENTRIES) throw new Error(`${entries.length} files: more than a ZIP without zip64 holds`);
  mkdirSync(dirname(target), { recursive: true });
  const fd = openSync(target, 'w');
  const centrals: Buffer[] = [];
  let offset = 0;
  const write = (buffer: Buffer): void => {
    writeSync(fd, buffer);
    offset += buffer.length;
  };
  try {
    for (const entry of entries) {
      const data = readFileSync(entry.source);
      const name = Buffer.from(entry.name, 'utf8');
      const compressed = deflateRawSync(data, { level: 6 });
      const crc = crc32(data);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // names are UTF-8
      local.writeUInt16LE(8, 8); // deflate
      local.writeUInt16LE(0, 10);
      local.writeUInt16LE(DOS_DATE, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(compressed.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(UNIX_MADE_BY, 4);
      local.copy(central, 6, 4, 30);
      central.writeUInt16LE(0, 32);
      central.writeUInt16LE(0, 34);
      central.writeUInt16LE(0, 36);
      central.writeUInt32LE(((0o100000 | (entry.mode & 0o7777)) << 16) >>> 0, 38);
      central.writeUInt32LE(offset, 42);
      if (offset + 30 + name.length + compressed.length > MAX_OFFSET) throw new Error('archive larger than 4 GiB: a ZIP without zip64 cannot hold it');
      centrals.push(central, name);
      write(local);
      write(name);
      write(compressed);
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    write(directory);
    write(end);
  } finally {
    closeSync(fd);
  }
  return { bytes: offset };
}

/** Unpacks an archive written by writeZipFile (or any deflate/stored ZIP) into a folder, checking CRCs. */
export function extractZipFile(source: string, folder: string): { files: number } {
  const zip = readFileSync(source);
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error(`${source}: not a ZIP archive`);
  const count = zip.readUInt16LE(endAt + 10);
  let at = zip.readUInt32LE(endAt + 16);
  const root = resolve(folder);
  const made = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${source}: corrupt central directory`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const mode = (zip.readUInt32LE(at + 38) >>> 16) & 0o7777;
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const target = resolve(join(root, name));
    // A crafted name such as ../../etc/x must not write outside the folder.
    if (!target.startsWith(root + sep)) throw new Error(`${name}: outside the target folder`);
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const stored = zip.subarray(dataAt, dataAt + compressedSize);
    const data = method === 8 ? inflateRawSync(stored) : method === 0 ? Buffer.from(stored) : undefined;
    if (!data) throw new Error(`${name}: unsupported compression method ${method}`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
    if (!name.endsWith('/')) {
      const parent = dirname(target);
      if (!made.has(parent)) mkdirSync(parent, { recursive: true });
      made.add(parent);
      writeFileSync(target, data, { mode: mode || 0o644 });
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { files: count };
}

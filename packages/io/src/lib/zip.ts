/**
 * `.keras` zips, read in memory under limits: entries are found through the
 * central directory and checked against their local headers (zip-directory.ts),
 * then the wanted ones are inflated by fflate in small steps, never past the
 * size their directory entry declares (which the limits have bounded), so a
 * decompression bomb that lies about its sizes stops there.
 */
import { Inflate, zipSync } from 'fflate';
import { ModelFileError } from './errors.js';
import type { IoLimits } from './limits.js';
import { crc32, zipEntries, type ZipEntry } from './zip-directory.js';

/** Compressed bytes fed to the inflater per step (deflate expands at most ~1032×). */
const STEP = 16 * 1024;

/** True when the bytes start like a zip archive. */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  );
}

/**
 * Reads the entries `wanted` selects, found through the central directory;
 * every entry is checked (names, count, declared sizes, agreement with its
 * local header) whether wanted or not. Each wanted entry must inflate to the
 * size and CRC its directory entry declares.
 */
export function readZip(
  bytes: Uint8Array,
  file: string,
  limits: IoLimits,
  wanted: (name: string) => boolean,
): Map<string, Uint8Array> {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes, file, limits);
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError(
      file,
      undefined,
      `not a readable zip archive (${(e as Error).message})`,
      e,
    );
  }
  const out = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (!wanted(entry.name)) continue;
    const data = entryData(bytes, entry, file);
    if (data.length !== entry.size || crc32(data) !== entry.crc) {
      throw new ModelFileError(
        file,
        `zip entry ${entry.name}`,
        `inflates to ${data.length} bytes with another CRC than the ${entry.size} bytes its directory entry declares`,
      );
    }
    out.set(entry.name, data);
  }
  return out;
}

/** An entry's bytes, inflated in small steps and never past the size its directory entry declares. */
function entryData(bytes: Uint8Array, entry: ZipEntry, file: string): Uint8Array {
  const raw = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return raw.slice();
  const location = `zip entry ${entry.name}`;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let failure: ModelFileError | undefined;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > entry.size) {
      failure ??= new ModelFileError(
        file,
        location,
        `inflates past the ${entry.size} bytes its directory entry declares; stopped`,
      );
      return;
    }
    chunks.push(chunk);
  });
  try {
    for (let i = 0; i < raw.length && failure === undefined; i += STEP) {
      inflate.push(raw.subarray(i, Math.min(i + STEP, raw.length)), i + STEP >= raw.length);
    }
    if (raw.length === 0) inflate.push(raw, true);
  } catch (e) {
    failure ??= new ModelFileError(file, location, `cannot inflate (${(e as Error).message})`, e);
  }
  if (failure !== undefined) throw failure;
  return concat(chunks);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const [only, ...more] = chunks;
  if (only && more.length === 0) return only;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A zip of the given entries (deflated). */
export function writeZip(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(entries, { level: 6 });
}

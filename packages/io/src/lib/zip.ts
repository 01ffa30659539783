/**
 * `.keras` zips through fflate, read in memory under limits: the central
 * directory is checked first (entry count, names, declared sizes), then the
 * wanted entries are inflated in small steps, counting real bytes, so a
 * decompression bomb that lies about its sizes stops within a few MiB of the
 * limit instead of filling memory.
 */
import { Unzip, UnzipInflate, unzipSync, zipSync, type UnzipFile } from 'fflate';
import { ModelFileError } from './errors.js';
import type { IoLimits } from './limits.js';

/** Compressed bytes fed to the inflater per step (deflate expands at most ~1032×). */
const STEP = 16 * 1024;

/** True when the bytes start like a zip archive. */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  );
}

/** Entry names that could reach outside an extraction folder are refused (zip-slip). */
export function checkEntryName(name: string, file: string): void {
  const parts = name.split(/[\\/]/);
  if (
    name === '' ||
    name.startsWith('/') ||
    name.startsWith('\\') ||
    /^[a-zA-Z]:/.test(name) ||
    parts.includes('..') ||
    name.includes('\0')
  ) {
    throw new ModelFileError(
      file,
      `zip entry ${JSON.stringify(name)}`,
      'entry name points outside the archive (absolute path or ..); refused',
    );
  }
}

/**
 * Reads the entries `wanted` selects; every entry is checked (names, count,
 * declared sizes) whether wanted or not.
 */
export function readZip(
  bytes: Uint8Array,
  file: string,
  limits: IoLimits,
  wanted: (name: string) => boolean,
): Map<string, Uint8Array> {
  let count = 0;
  let declared = 0;
  const seen = new Set<string>();
  try {
    unzipSync(bytes, {
      filter: (info) => {
        if (++count > limits.maxZipEntries) {
          throw new ModelFileError(
            file,
            undefined,
            `more than limits.maxZipEntries (${limits.maxZipEntries}) zip entries`,
          );
        }
        checkEntryName(info.name, file);
        if (seen.has(info.name)) {
          throw new ModelFileError(
            file,
            `zip entry ${info.name}`,
            'the archive holds this name twice',
          );
        }
        seen.add(info.name);
        declared += info.originalSize;
        if (declared > limits.maxUncompressedBytes) {
          throw new ModelFileError(
            file,
            `zip entry ${info.name}`,
            `entries declare ${declared} bytes uncompressed, more than limits.maxUncompressedBytes (${limits.maxUncompressedBytes})`,
          );
        }
        return false;
      },
    });
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError(
      file,
      undefined,
      `not a readable zip archive (${(e as Error).message})`,
      e,
    );
  }
  return inflateEntries(bytes, file, limits, wanted);
}

function inflateEntries(
  bytes: Uint8Array,
  file: string,
  limits: IoLimits,
  wanted: (name: string) => boolean,
): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let total = 0;
  let failure: unknown;
  const unzip = new Unzip((entry: UnzipFile) => {
    if (failure !== undefined || !wanted(entry.name)) return;
    checkEntryName(entry.name, file);
    const chunks: Uint8Array[] = [];
    entry.ondata = (err, chunk, final) => {
      if (failure !== undefined) return;
      if (err) {
        failure = new ModelFileError(
          file,
          `zip entry ${entry.name}`,
          `cannot inflate (${err.message})`,
          err,
        );
        return;
      }
      total += chunk.length;
      if (total > limits.maxUncompressedBytes) {
        failure = new ModelFileError(
          file,
          `zip entry ${entry.name}`,
          `inflates past limits.maxUncompressedBytes (${limits.maxUncompressedBytes}); stopped`,
        );
        entry.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) out.set(entry.name, concat(chunks));
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let i = 0; i < bytes.length && failure === undefined; i += STEP) {
      unzip.push(bytes.subarray(i, Math.min(i + STEP, bytes.length)), i + STEP >= bytes.length);
    }
  } catch (e) {
    failure ??=
      e instanceof ModelFileError
        ? e
        : new ModelFileError(
            file,
            undefined,
            `not a readable zip archive (${(e as Error).message})`,
            e,
          );
  }
  if (failure !== undefined) throw failure;
  return out;
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

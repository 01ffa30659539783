/**
 * A zip archive's central directory, read and checked against the local
 * headers. Keras (Python's `zipfile`) finds entries through the central
 * directory; a reader that walks the local headers instead can be shown
 * another archive by a crafted file (a second, unlisted `config.json`, a local
 * header that names other data). So entries are found here, through the
 * directory, and an archive is refused where a local header disagrees with its
 * directory entry (name, compression, flags, sizes, CRC), where two entries
 * share bytes, or where an entry runs into the directory.
 */
import { ModelFileError } from './errors.js';
import type { IoLimits } from './limits.js';

/** One entry as the central directory describes it, checked against its local header. */
export interface ZipEntry {
  name: string;
  /** 0 (stored) or 8 (deflated). */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where the compressed data starts. */
  dataStart: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
/** General purpose flags: encrypted, sizes in a data descriptor after the data, UTF-8 names. */
const ENCRYPTED = 0x1;
const DATA_DESCRIPTOR = 0x8;

type Check = (ok: boolean, location: string | undefined, message: string) => void;

/** The entries of the archive, in directory order; throws a `ModelFileError` for any disagreement. */
export function zipEntries(bytes: Uint8Array, file: string, limits: IoLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const check: Check = (ok, location, message) => {
    if (!ok) throw new ModelFileError(file, location, message);
  };
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);

  const eocd = findEnd(bytes, view);
  check(eocd >= 0, undefined, 'not a readable zip archive (no end of central directory)');
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  check(
    u16(eocd + 4) === 0 && u16(eocd + 6) === 0 && u16(eocd + 8) === count,
    undefined,
    'zip archives split over several disks are not supported',
  );
  check(
    count !== 0xffff && cdSize !== 0xffffffff && cdOffset !== 0xffffffff,
    undefined,
    'zip64 archives are not supported (a .keras file under 4 GiB needs none)',
  );
  check(
    count <= limits.maxZipEntries,
    undefined,
    `more than limits.maxZipEntries (${limits.maxZipEntries}) zip entries`,
  );
  check(
    cdOffset + cdSize === eocd,
    undefined,
    'the central directory does not end where the archive says',
  );

  const entries: (ZipEntry & { localStart: number; end: number })[] = [];
  const seen = new Set<string>();
  let declared = 0;
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    check(
      at + 46 <= eocd && u32(at) === CENTRAL,
      undefined,
      `central directory entry ${i} is damaged`,
    );
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const localStart = u32(at + 42);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = new TextDecoder().decode(nameBytes);
    const where = `zip entry ${name}`;
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
    check(at <= eocd, where, 'its central directory entry runs past the directory');
    checkEntryName(name, file);
    check(!seen.has(name), where, 'the archive holds this name twice');
    seen.add(name);
    check((flags & ENCRYPTED) === 0, where, 'encrypted entries are not supported');
    check(
      method === 0 || method === 8,
      where,
      `compression method ${method} is not supported (stored or deflate)`,
    );
    check(
      size !== 0xffffffff && compressedSize !== 0xffffffff && localStart !== 0xffffffff,
      where,
      'zip64 entries are not supported',
    );
    declared += size;
    check(
      declared <= limits.maxUncompressedBytes,
      where,
      `entries declare ${declared} bytes uncompressed, more than limits.maxUncompressedBytes (${limits.maxUncompressedBytes})`,
    );

    // The local header must describe the same entry.
    check(
      localStart + 30 <= cdOffset && u32(localStart) === LOCAL,
      where,
      `no local header at offset ${localStart}`,
    );
    const localName = bytes.subarray(localStart + 30, localStart + 30 + u16(localStart + 26));
    const disagree = (what: string): string =>
      `the local header disagrees with the central directory (${what}); refused: readers would see different archives`;
    check(
      equalBytes(localName, nameBytes),
      where,
      disagree(`name ${JSON.stringify(new TextDecoder().decode(localName))}`),
    );
    check(
      u16(localStart + 8) === method,
      where,
      disagree(`compression method ${u16(localStart + 8)}, not ${method}`),
    );
    check(
      u16(localStart + 6) === flags,
      where,
      disagree(`flags ${u16(localStart + 6)}, not ${flags}`),
    );
    const dataStart = localStart + 30 + localName.length + u16(localStart + 28);
    let end = dataStart + compressedSize;
    const sizes = (c: number, cs: number, s: number): boolean =>
      c === crc && cs === compressedSize && s === size;
    if (flags & DATA_DESCRIPTOR) {
      // The local header may leave CRC and sizes at 0; the descriptor after the data carries them.
      const local = [u32(localStart + 14), u32(localStart + 18), u32(localStart + 22)] as const;
      check(sizes(...local) || local.every((v) => v === 0), where, disagree('CRC or sizes'));
      const signed = end + 4 <= cdOffset && u32(end) === DESCRIPTOR ? 4 : 0;
      check(
        end + signed + 12 <= cdOffset,
        where,
        'its data descriptor runs into the central directory',
      );
      check(
        sizes(u32(end + signed), u32(end + signed + 4), u32(end + signed + 8)),
        where,
        disagree('data descriptor'),
      );
      end += signed + 12;
    } else {
      check(
        sizes(u32(localStart + 14), u32(localStart + 18), u32(localStart + 22)),
        where,
        disagree('CRC or sizes'),
      );
    }
    check(end <= cdOffset, where, 'its data runs into the central directory');
    check(method !== 0 || compressedSize === size, where, 'a stored entry whose sizes differ');
    entries.push({ name, method, crc, compressedSize, size, dataStart, localStart, end });
  }
  check(at === eocd, undefined, 'the central directory holds more than its entries');

  // No two entries may share bytes (one local header listed twice, or data inside another's).
  const byStart = [...entries].sort((a, b) => a.localStart - b.localStart);
  byStart.forEach((e, i) => {
    const next = byStart[i + 1];
    if (next) {
      check(
        e.end <= next.localStart,
        `zip entry ${next.name}`,
        `overlaps zip entry ${e.name}; refused`,
      );
    }
  });
  return entries.map(({ localStart: _l, end: _e, ...entry }) => entry);
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

/** The offset of the end-of-central-directory record whose comment ends the file, or -1. */
function findEnd(bytes: Uint8Array, view: DataView): number {
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (
      view.getUint32(at, true) === EOCD &&
      at + 22 + view.getUint16(at + 20, true) === bytes.length
    ) {
      return at;
    }
  }
  return -1;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

let table: Uint32Array | undefined;

/** CRC-32 (the zip polynomial) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const b of bytes) crc = (table[(crc ^ b) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

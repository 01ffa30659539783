/**
 * Hostile zip archives, written byte by byte at test time: entries stored (not
 * deflated), with local headers that can say something else than the central
 * directory, local entries the directory does not list, and directory entries
 * that point at another entry's bytes.
 */
import { crc32 } from '../zip-directory.js';

/** One entry; `local` overrides what its local header says, `at` points its directory entry at another entry's local header. */
export interface CraftedEntry {
  name: string;
  data: Uint8Array;
  local?: { name?: string; data?: Uint8Array; method?: number; size?: number; crc?: number };
  at?: number;
}

/** A local entry written after the listed ones and left out of the central directory. */
export interface HiddenEntry {
  name: string;
  data: Uint8Array;
}

const enc = new TextEncoder();

function localHeader(name: string, data: Uint8Array, o: CraftedEntry['local'] = {}): Uint8Array {
  const nameBytes = enc.encode(o.name ?? name);
  const body = o.data ?? data;
  const out = new Uint8Array(30 + nameBytes.length + body.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(8, o.method ?? 0, true);
  v.setUint32(14, o.crc ?? crc32(body), true);
  v.setUint32(18, o.size ?? body.length, true);
  v.setUint32(22, o.size ?? body.length, true);
  v.setUint16(26, nameBytes.length, true);
  out.set(nameBytes, 30);
  out.set(body, 30 + nameBytes.length);
  return out;
}

function centralHeader(name: string, data: Uint8Array, offset: number): Uint8Array {
  const nameBytes = enc.encode(name);
  const out = new Uint8Array(46 + nameBytes.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, 20, true);
  v.setUint32(16, crc32(data), true);
  v.setUint32(20, data.length, true);
  v.setUint32(24, data.length, true);
  v.setUint16(28, nameBytes.length, true);
  v.setUint32(42, offset, true);
  out.set(nameBytes, 46);
  return out;
}

/** The archive: local entries, hidden ones, the central directory, its end record. */
export function craftZip(entries: CraftedEntry[], hidden: HiddenEntry[] = []): Uint8Array {
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const e of entries) {
    offsets.push(at);
    const h = localHeader(e.name, e.data, e.local);
    parts.push(h);
    at += h.length;
  }
  for (const e of hidden) {
    const h = localHeader(e.name, e.data);
    parts.push(h);
    at += h.length;
  }
  const cdOffset = at;
  entries.forEach((e, i) => {
    const h = centralHeader(e.name, e.data, offsets[e.at ?? i]!);
    parts.push(h);
    at += h.length;
  });
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, entries.length, true);
  v.setUint16(10, entries.length, true);
  v.setUint32(12, at - cdOffset, true);
  v.setUint32(16, cdOffset, true);
  parts.push(end);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

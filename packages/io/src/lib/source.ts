/**
 * Turns a `ModelSource` into bytes, and finds the files that come with it (a
 * tfjs model's shards). Node's `fs` is imported lazily, only for paths, so the
 * package bundles for browsers.
 */
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { at } from '@framewise/core';
import { ModelFileError } from './errors.js';
import type { ModelSource } from './types.js';

/** The main file of a source, and a way to read the files it refers to. */
export interface ResolvedSource {
  /** A name for messages: the path, URL, `File` name or `<bytes>`. */
  name: string;
  bytes: Uint8Array;
  /**
   * Reads a file named relative to the main one (a tfjs shard path from the
   * manifest): at most `maxBytes + 1` bytes when `maxBytes` is given, so a file
   * longer than expected shows as such without being read whole.
   */
  sibling(relative: string, maxBytes?: number): Promise<Uint8Array>;
}

const isNode = (): boolean =>
  typeof process !== 'undefined' && typeof process.versions?.node === 'string';
const URL_LIKE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/** A manifest path must stay beside the model file: no absolute paths, no `..`. */
export function checkRelative(relative: string, file: string, location: string): void {
  if (
    typeof relative !== 'string' ||
    relative === '' ||
    relative.startsWith('/') ||
    relative.startsWith('\\') ||
    URL_LIKE.test(relative) ||
    /^[a-zA-Z]:/.test(relative) ||
    relative.split(/[\\/]/).includes('..')
  ) {
    throw new ModelFileError(
      file,
      location,
      `path ${JSON.stringify(relative)} must be relative to the model file, without '..'`,
    );
  }
}

/** Reads a source's main file. */
export async function resolveSource(source: ModelSource, role = 'model'): Promise<ResolvedSource> {
  if (source instanceof Uint8Array) return bytesSource(source, '<bytes>');
  if (source instanceof ArrayBuffer) return bytesSource(new Uint8Array(source), '<bytes>');
  if (Array.isArray(source)) return filesSource(source, role);
  if (typeof File !== 'undefined' && source instanceof File) return filesSource([source], role);
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    return bytesSource(new Uint8Array(await source.arrayBuffer()), '<blob>');
  }
  if (source instanceof URL) return urlSource(source);
  if (typeof source === 'string') {
    if (URL_LIKE.test(source) || !isNode())
      return urlSource(new URL(source, globalThis.location?.href));
    return pathSource(source);
  }
  throw new ModelFileError(
    '<source>',
    undefined,
    `expected a path, URL, File, File[], Blob, Uint8Array or ArrayBuffer, received ${describe(source)}`,
  );
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}

function bytesSource(bytes: Uint8Array, name: string): ResolvedSource {
  return {
    name,
    bytes,
    sibling: (relative) =>
      Promise.reject(
        new ModelFileError(
          name,
          relative,
          `the model refers to ${relative}; pass the model file and that file together as a File[] (or a path)`,
        ),
      ),
  };
}

async function filesSource(files: File[], role: string): Promise<ResolvedSource> {
  if (files.length === 0 || !files.every((f) => typeof File !== 'undefined' && f instanceof File)) {
    throw new ModelFileError('<files>', undefined, `expected a non-empty list of File objects`);
  }
  // The main file: the one JSON among them (a tfjs model.json), else the first.
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  const main = jsons.length === 1 ? at(jsons, 0, 'model.json') : at(files, 0, 'first file');
  const byName = new Map(files.map((f) => [baseName(f.name), f]));
  return {
    name: main.name || `<${role} file>`,
    bytes: new Uint8Array(await main.arrayBuffer()),
    sibling: async (relative, maxBytes) => {
      const found = byName.get(baseName(relative));
      if (!found) {
        throw new ModelFileError(
          main.name,
          relative,
          `missing file ${relative}: it was not among the ${files.length} File(s) given (${[...byName.keys()].join(', ')})`,
        );
      }
      const part = maxBytes === undefined ? found : found.slice(0, maxBytes + 1);
      return new Uint8Array(await part.arrayBuffer());
    },
  };
}

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

async function urlSource(url: URL): Promise<ResolvedSource> {
  if (url.protocol === 'file:' && isNode()) {
    const { fileURLToPath } = await import('node:url');
    return pathSource(fileURLToPath(url));
  }
  const fetchBytes = async (u: URL, maxBytes?: number): Promise<Uint8Array> => {
    let response: Response;
    try {
      response = await fetch(u);
    } catch (e) {
      throw new ModelFileError(u.href, undefined, `cannot fetch (${(e as Error).message})`, e);
    }
    if (!response.ok)
      throw new ModelFileError(u.href, undefined, `fetch failed: HTTP ${response.status}`);
    if (maxBytes === undefined || !response.body) {
      return new Uint8Array(await response.arrayBuffer());
    }
    return readStream(response.body, maxBytes + 1);
  };
  return {
    name: url.href,
    bytes: await fetchBytes(url),
    sibling: (relative, maxBytes) => fetchBytes(new URL(relative, url), maxBytes),
  };
}

/** The first `cap` bytes of a stream (fewer when it ends first); the rest is not read. */
async function readStream(body: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < cap) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value.subarray(0, cap - total));
      total += Math.min(value.length, cap - total);
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** What a non-regular file is, for messages. */
function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

async function pathSource(path: string): Promise<ResolvedSource> {
  const fs = await import('node:fs/promises');
  const { constants } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  /**
   * Reads a regular file (checked on the opened handle, so a link to a device or a
   * pipe is refused too; opened without blocking, so a pipe without a writer cannot
   * hang the open), at most `maxBytes + 1` bytes of it when `maxBytes` is given.
   */
  const read = async (p: string, location?: string, maxBytes?: number): Promise<Uint8Array> => {
    const fail = (what: string, e?: unknown): ModelFileError =>
      location === undefined
        ? new ModelFileError(p, undefined, what, e)
        : new ModelFileError(path, location, `${what}: ${p}`, e);
    let handle: FileHandle;
    try {
      handle = await fs.open(p, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw fail(code === 'ENOENT' ? 'file not found' : `cannot read (${(e as Error).message})`, e);
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw fail(`${kindOf(stat)}, not a regular file; refused`);
      const cap = maxBytes === undefined ? stat.size : Math.min(stat.size, maxBytes + 1);
      const out = new Uint8Array(cap);
      let at = 0;
      while (at < cap) {
        const { bytesRead } = await handle.read(out, at, cap - at, at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      return at === cap ? out : out.subarray(0, at);
    } catch (e) {
      if (e instanceof ModelFileError) throw e;
      throw fail(`cannot read (${(e as Error).message})`, e);
    } finally {
      await handle.close();
    }
  };
  return {
    name: path,
    bytes: await read(path),
    sibling: (relative, maxBytes) => read(join(dirname(path), relative), relative, maxBytes),
  };
}

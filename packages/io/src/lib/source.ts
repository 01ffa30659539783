/**
 * Turns a `ModelSource` into bytes, and finds the files that come with it (a
 * tfjs model's shards). Node's `fs` is imported lazily, only for paths, so the
 * package bundles for browsers.
 */
import { at } from '@framewise/core';
import { ModelFileError } from './errors.js';
import type { ModelSource } from './types.js';

/** The main file of a source, and a way to read the files it refers to. */
export interface ResolvedSource {
  /** A name for messages: the path, URL, `File` name or `<bytes>`. */
  name: string;
  bytes: Uint8Array;
  /** Reads a file named relative to the main one (a tfjs shard path from the manifest). */
  sibling(relative: string): Promise<Uint8Array>;
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
    sibling: async (relative) => {
      const found = byName.get(baseName(relative));
      if (!found) {
        throw new ModelFileError(
          main.name,
          relative,
          `missing file ${relative}: it was not among the ${files.length} File(s) given (${[...byName.keys()].join(', ')})`,
        );
      }
      return new Uint8Array(await found.arrayBuffer());
    },
  };
}

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

async function urlSource(url: URL): Promise<ResolvedSource> {
  if (url.protocol === 'file:' && isNode()) {
    const { fileURLToPath } = await import('node:url');
    return pathSource(fileURLToPath(url));
  }
  const fetchBytes = async (u: URL): Promise<Uint8Array> => {
    let response: Response;
    try {
      response = await fetch(u);
    } catch (e) {
      throw new ModelFileError(u.href, undefined, `cannot fetch (${(e as Error).message})`, e);
    }
    if (!response.ok)
      throw new ModelFileError(u.href, undefined, `fetch failed: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  return {
    name: url.href,
    bytes: await fetchBytes(url),
    sibling: (relative) => fetchBytes(new URL(relative, url)),
  };
}

async function pathSource(path: string): Promise<ResolvedSource> {
  const fs = await import('node:fs/promises');
  const { dirname, join } = await import('node:path');
  const read = async (p: string, location?: string): Promise<Uint8Array> => {
    try {
      return new Uint8Array(await fs.readFile(p));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const what = code === 'ENOENT' ? 'file not found' : `cannot read (${(e as Error).message})`;
      throw location === undefined
        ? new ModelFileError(p, undefined, what, e)
        : new ModelFileError(path, location, `${what}: ${p}`, e);
    }
  };
  return {
    name: path,
    bytes: await read(path),
    sibling: (relative) => read(join(dirname(path), relative), relative),
  };
}

/**
 * The one place that talks to h5wasm (the HDF5 C library compiled to
 * WebAssembly). Files are opened from bytes in h5wasm's in-memory file system
 * (Emscripten's MEMFS, inside the wasm module's memory) under random names and
 * removed again, so nothing touches the disk and the browser works too.
 *
 * Reading: the whole tree is walked once into a snapshot (hdf5-walk.ts, which
 * also refuses external links and link loops) that the format readers navigate
 * through `H5Group` / `H5Dataset` and the helpers below; libhdf5 never resolves
 * a path the readers ask for. In Node the walk runs in a worker thread under
 * `limits.hdf5ReadMs` (libhdf5 loops forever on some damaged files; see
 * hdf5-worker.ts). In browsers it runs on the calling thread (h5wasm's module
 * cannot be handed to a Web Worker a bundler knows nothing of), checking the
 * time limit between objects only.
 *
 * Writing stays on the calling thread everywhere: io writes only its own trees.
 *
 * h5wasm is imported lazily (its wasm is large): users who never open an HDF5
 * file never load it. Its ESM build carries the wasm inline, so bundlers need
 * no extra asset; see the package README for bundler notes.
 */
import { InternalError } from '@framewise/core';
import type * as H5 from 'h5wasm';
import { ModelFileError } from './errors.js';
import { snapshotRoot, type H5Dataset, type H5Group } from './hdf5-snapshot.js';
import { walkFile, walkLimits, WalkRefusal } from './hdf5-walk.js';
import { canUseWorker, readInWorker } from './hdf5-worker.js';
import { DEFAULT_LIMITS, type IoLimits } from './limits.js';

export type { H5Attribute, H5Dataset, H5Group } from './hdf5-snapshot.js';

type H5Module = typeof H5;
let loading: Promise<H5Module> | undefined;

/** h5wasm's in-memory file system, which exists once its module is ready. */
function fileSystem(h5: H5Module): NonNullable<H5Module['FS']> {
  if (!h5.FS) throw new InternalError("h5wasm's file system is missing after its module loaded");
  return h5.FS;
}

async function h5wasm(): Promise<H5Module> {
  loading ??= import('h5wasm').then(async (m) => {
    const module = await m.ready;
    // HDF5 errors become exceptions carrying the diagnostic, instead of lines printed to stderr.
    module.activate_throwing_error_handler();
    return m;
  });
  return loading;
}

/** A group of a file being written (h5wasm's own, with `create_group`, `create_dataset` ...). */
export type H5WriteGroup = H5.Group;

/** HDF5 signature; Keras files have it at offset 0 (HDF5 also allows 512, 1024, 2048 ...). */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes carry the HDF5 signature at one of the offsets HDF5 allows. */
export function isHdf5(bytes: Uint8Array): boolean {
  for (
    let offset = 0;
    offset + 8 <= bytes.length && offset <= 1 << 20;
    offset = offset ? offset * 2 : 512
  ) {
    if (SIGNATURE.every((b, i) => bytes[offset + i] === b)) return true;
  }
  return false;
}

/** How `readHdf5` reads. */
export interface ReadHdf5Options {
  /** Limits on the read (`hdf5ReadMs`) and on the dataset values read. Default `DEFAULT_LIMITS`. */
  limits?: IoLimits;
  /** Read dataset values; false when only names and attributes are needed. Default true. */
  values?: boolean;
  /** Read on the calling thread, as in browsers (no time limit). Default: only where there is no worker. */
  inThread?: boolean;
}

/**
 * Reads HDF5 bytes and runs `fn` on the root group; errors from h5wasm, a read
 * past `limits.hdf5ReadMs` and a worker that died become `ModelFileError`s naming `file`.
 */
export async function readHdf5<T>(
  bytes: Uint8Array,
  file: string,
  fn: (root: H5Group) => T | Promise<T>,
  options: ReadHdf5Options = {},
): Promise<T> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const values = options.values ?? true;
  if (options.inThread || !(await canUseWorker())) {
    return readInThread(bytes, file, fn, limits, values);
  }
  const read = await readInWorker(bytes, file, limits, values);
  if ('error' in read) throw damaged(new Error(read.error), file);
  if ('refused' in read)
    throw new ModelFileError(file, read.refused.location, read.refused.message);
  if ('openError' in read) {
    throw new ModelFileError(
      file,
      undefined,
      `not a readable HDF5 file (${hdf5Reason(read.openError)})`,
    );
  }
  try {
    return await fn(snapshotRoot(read.root));
  } catch (e) {
    throw damaged(e, file);
  }
}

/** h5wasm's throws are plain Errors carrying HDF5's diagnostic (a damaged file): make them typed. */
function damaged(e: unknown, file: string): ModelFileError {
  if (e instanceof ModelFileError) return e;
  return new ModelFileError(file, undefined, `damaged HDF5 file (${hdf5Reason(e)})`, e);
}

/** Opens the bytes on this thread, walks them into a snapshot, closes and deletes the file, and runs `fn`. */
async function readInThread<T>(
  bytes: Uint8Array,
  file: string,
  fn: (root: H5Group) => T | Promise<T>,
  limits: IoLimits,
  values: boolean,
): Promise<T> {
  const h5 = await h5wasm();
  const FS = fileSystem(h5);
  const path = `/${randomName()}.h5`;
  FS.writeFile(path, bytes);
  let handle: H5.File | undefined;
  let root: H5Group;
  try {
    try {
      handle = new h5.File(path, 'r');
    } catch (e) {
      throw new ModelFileError(file, undefined, `not a readable HDF5 file (${hdf5Reason(e)})`, e);
    }
    root = snapshotRoot(
      walkFile(handle, values, {
        ...walkLimits(limits),
        deadline: Date.now() + limits.hdf5ReadMs,
      }).root,
    );
  } catch (e) {
    if (e instanceof WalkRefusal) throw new ModelFileError(file, e.location, e.message);
    throw damaged(e, file);
  } finally {
    try {
      handle?.close();
    } catch {
      // Closing a file h5wasm failed to read can fail too; the bytes are deleted below either way.
    }
    FS.unlink(path);
  }
  try {
    return await fn(root);
  } catch (e) {
    throw damaged(e, file);
  }
}

/** A name no file can guess (the in-memory file system is shared by every read on this thread). */
function randomName(): string {
  return globalThis.crypto.randomUUID();
}

/** Creates an HDF5 file in memory, lets `fn` fill it, and returns its bytes. */
export async function writeHdf5(fn: (root: H5WriteGroup) => void): Promise<Uint8Array> {
  const h5 = await h5wasm();
  const FS = fileSystem(h5);
  const path = `/${randomName()}.h5`;
  const handle = new h5.File(path, 'w');
  let open = true;
  try {
    fn(handle);
    handle.close();
    open = false;
    return new Uint8Array(FS.readFile(path));
  } finally {
    if (open) handle.close();
    FS.unlink(path);
  }
}

/** Where a lookup happens, for the error when the object is there but cannot be read. */
export interface Hdf5Place {
  file: string;
  location: string;
}

/**
 * The child at `path` (`/`-separated) when it is a group, else undefined (absent, or another
 * kind of object). An object that is there but cannot be read (a damaged header, a listing
 * that failed) raises: a `ModelFileError` at `place` when given, else the reader's error.
 */
export function group(root: H5Group, path: string, place?: Hdf5Place): H5Group | undefined {
  const entity = lookup(root, path, 'group', place) as H5Group | null;
  return entity?.type === 'Group' ? entity : undefined;
}

/** The child at `path` when it is a dataset, else undefined; raises like `group` when unreadable. */
export function dataset(root: H5Group, path: string, place?: Hdf5Place): H5Dataset | undefined {
  const entity = lookup(root, path, 'dataset', place) as H5Dataset | null;
  return entity?.type === 'Dataset' ? entity : undefined;
}

/** A child group of a file being written, when there is one. */
export function writeGroup(root: H5WriteGroup, path: string): H5WriteGroup | undefined {
  try {
    const entity = root.get(path) as H5WriteGroup | null;
    return entity?.type === 'Group' ? entity : undefined;
  } catch {
    return undefined;
  }
}

function lookup(root: H5Group, path: string, what: string, place?: Hdf5Place): unknown {
  try {
    return root.get(path) ?? null;
  } catch (e) {
    if (place === undefined) throw e;
    throw new ModelFileError(
      place.file,
      place.location,
      `the ${what} is in the file but cannot be read (${hdf5Reason(e)}): the file is damaged there`,
      e,
    );
  }
}

/** Child names of a group, in HDF5's (alphabetical) order. */
export function keys(g: H5Group): string[] {
  return g.keys();
}

/**
 * A string or list-of-strings attribute (h5py writes Keras' `layer_names` as
 * byte strings, h5wasm returns them as JS strings). Keras splits attributes
 * over 64 KiB into `name0`, `name1` ...; those are joined. Returns undefined
 * when absent; an empty numeric array (what Keras writes for a layer without
 * weights) reads as `[]`.
 */
export function stringListAttr(g: H5Group, name: string): string[] | undefined {
  const attrs = g.attrs;
  const one = (n: string): string[] | undefined => {
    const attr = attrs[n];
    if (attr === undefined) return undefined;
    const value = attr.value;
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.map((v) => String(v));
    if (ArrayBuffer.isView(value) && value.byteLength === 0) return [];
    return [String(value)];
  };
  const direct = one(name);
  if (direct) return direct;
  if (!(`${name}0` in attrs)) return undefined;
  const out: string[] = [];
  for (let i = 0; `${name}${i}` in attrs; i++) out.push(...(one(`${name}${i}`) ?? []));
  return out;
}

/** A scalar string attribute, or undefined. */
export function stringAttr(g: H5Group, name: string): string | undefined {
  const list = stringListAttr(g, name);
  return list && list.length === 1 ? list[0] : undefined;
}

/** The first HDF5 diagnostic line of an h5wasm error (`unable to open file`), not the whole stack. */
export function hdf5Reason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const first = /\(\): ([^\n]+)/.exec(message)?.[1];
  return first ? first.trim() : (message.split('\n')[0] ?? message);
}

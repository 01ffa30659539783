/**
 * Walks an open HDF5 file (h5wasm's objects) into a plain snapshot of its
 * tree (see `SnapshotNode` in hdf5-snapshot.ts): child names in HDF5's order,
 * group attributes, dataset shapes, dtypes and values. Used in the reading
 * worker (hdf5-worker-main.ts) and on the calling thread in browsers, so both
 * see the same tree under the same rules.
 *
 * Links are resolved here, never by libhdf5 on a path a file chose: external
 * links (another file on the host) are refused; soft links are followed only
 * to objects inside the file, and only through hard links; an object reached
 * again through a link that loops back to an ancestor is refused; an object
 * reached twice without a loop is walked once and shared. The walk stops at
 * `maxObjects` links visited, `MAX_DEPTH` levels and the deadline.
 *
 * Everything that can fail per item is caught and kept as an `error` string,
 * so one damaged attribute does not hide the rest of the file. An Emscripten
 * abort (a `WebAssembly.RuntimeError` thrown from inside libhdf5) ends the walk
 * (`WalkAborted`: the module's state is not trusted after it).
 */
import type * as H5 from 'h5wasm';
import type { SnapshotAttr, SnapshotNode } from './hdf5-snapshot.js';
import type { IoLimits } from './limits.js';

/** Bounds of one walk. */
export interface WalkLimits {
  maxRank: number;
  maxTensorElements: number;
  /** Most bytes of dataset values read in all (`limits.maxWeightBytes`). */
  maxValueBytes: number;
  /** Most bytes of attribute values read in all. */
  maxAttrBytes: number;
  /** Most links visited (`limits.maxHdf5Objects`). */
  maxObjects: number;
  /** Top-level groups whose dataset values are not read (optimizer state). */
  skipValues: string[];
  /** `Date.now()` after which the walk is refused (`limits.hdf5ReadMs`). */
  deadline: number;
}

/** A walk's limits from io's (the deadline is set where the walk starts). */
export function walkLimits(limits: IoLimits): Omit<WalkLimits, 'deadline'> {
  return {
    maxRank: limits.maxRank,
    maxTensorElements: limits.maxTensorElements,
    maxValueBytes: limits.maxWeightBytes,
    maxAttrBytes: limits.maxJsonBytes * 4,
    maxObjects: limits.maxHdf5Objects,
    // Optimizer state: no Keras reader uses its values.
    skipValues: ['optimizer_weights', 'optimizer'],
  };
}

/** Groups nested deeper than this are refused (Keras nests a handful). */
export const MAX_DEPTH = 64;
/** Soft links pointing at soft links, at most this many in a row. */
const MAX_SOFT_HOPS = 16;

/** The file breaks a rule of the walk: `location` is the HDF5 path at fault. */
export class WalkRefusal extends Error {
  constructor(
    readonly location: string,
    message: string,
  ) {
    super(message);
  }
}

/** libhdf5 aborted inside a call: the walk stops, and the module should be replaced soon. */
export class WalkAborted extends Error {}

/** What a walk gives: the tree, and the buffers its typed arrays own (to transfer, not copy). */
export interface Walked {
  root: SnapshotNode;
  transfer: ArrayBuffer[];
}

const ITEM_BYTES: Record<string, number> = { f: 4, i: 4, u: 4 };

/** Walks `file` from its root. Throws `WalkRefusal` and `WalkAborted`; every other failure is kept per item. */
export function walkFile(file: H5.File, values: boolean, limits: WalkLimits): Walked {
  return new Walk(file, values, limits).run();
}

function message(e: unknown): string {
  return e !== null && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
}

/** A typed array that owns its buffer (h5wasm may hand out views of a larger one). */
function own(v: unknown, transfer: ArrayBuffer[]): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const view = v as Uint8Array;
    const copy =
      view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view : view.slice();
    transfer.push(copy.buffer as ArrayBuffer);
    return copy;
  }
  return v;
}

function sizeOf(v: unknown): number {
  if (typeof v === 'string') return v.length * 2;
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + sizeOf(x), 8);
  return 8;
}

const join = (base: string, name: string): string =>
  base === '/' ? `/${name}` : `${base}/${name}`;

class Walk {
  private visits = 0;
  private attrBytes = 0;
  private valueBytes = 0;
  private readonly transfer: ArrayBuffer[] = [];
  /** Objects walked, by address: shared when reached again. */
  private readonly seen = new Map<string, { node: SnapshotNode; path: string }>();
  /** The groups being walked, by address, with their paths (a link to one of them loops). */
  private readonly open = new Map<string, string>();

  constructor(
    private readonly file: H5.File,
    private readonly values: boolean,
    private readonly limits: WalkLimits,
  ) {}

  run(): Walked {
    this.open.set(this.address('/'), '/');
    const root = this.group('/', 0);
    return { root, transfer: this.transfer };
  }

  /** Aborts and refusals stop the walk; anything else becomes the item's error text. */
  private checked(e: unknown): string {
    if (e instanceof WalkRefusal || e instanceof WalkAborted) throw e;
    if (e instanceof WebAssembly.RuntimeError) throw new WalkAborted(message(e));
    return message(e);
  }

  /** The path of only hard links that `path` (a link in a hard-linked group) leads to; undefined when it dangles. */
  private resolve(path: string, hops: number): string | undefined {
    const external = this.file.get_external_link(path) as { filename?: string; obj_path?: string };
    if (typeof external.filename === 'string') {
      throw new WalkRefusal(
        path,
        `external link to ${JSON.stringify(`${external.filename}:${external.obj_path ?? ''}`)}; ` +
          'refused: a model file may not make Framewise read another file',
      );
    }
    const target = this.file.get_link(path);
    if (typeof target !== 'string') return path;
    if (hops >= MAX_SOFT_HOPS) {
      throw new WalkRefusal(path, `soft links lead to soft links more than ${MAX_SOFT_HOPS} times`);
    }
    let current = target.startsWith('/') ? '/' : path.slice(0, path.lastIndexOf('/')) || '/';
    for (const part of target.split('/')) {
      if (part === '' || part === '.') continue;
      const parent = this.file.get(current) as H5.Group | null;
      if (parent?.type !== 'Group' || !parent.keys().includes(part)) return undefined;
      const resolved = this.resolve(join(current, part), hops + 1);
      if (resolved === undefined) return undefined;
      current = resolved;
    }
    return current;
  }

  private address(path: string): string {
    const entity = this.file.get(path) as H5.Group | H5.Dataset;
    return Array.from(entity.create_reference().ref_data).join(',');
  }

  private attrs(entity: H5.Group): { attrs: [string, SnapshotAttr][]; error?: string } {
    const out: [string, SnapshotAttr][] = [];
    let attrs: Record<string, H5.Attribute>;
    try {
      attrs = entity.attrs;
    } catch (e) {
      return { attrs: out, error: this.checked(e) };
    }
    for (const [name, attr] of Object.entries(attrs)) {
      try {
        const value = attr.value;
        this.attrBytes += sizeOf(value);
        if (this.attrBytes > this.limits.maxAttrBytes) {
          const error = `attribute values exceed ${this.limits.maxAttrBytes} bytes in all`;
          out.push([name, { error }]);
        } else {
          out.push([name, { value: own(value, this.transfer) }]);
        }
      } catch (e) {
        out.push([name, { error: this.checked(e) }]);
      }
    }
    return { attrs: out };
  }

  private group(path: string, depth: number): SnapshotNode {
    const g = this.file.get(path) as H5.Group;
    const attrs = this.attrs(g);
    const node: SnapshotNode = { kind: 'group', names: [], children: [], attrs: attrs.attrs };
    if (attrs.error !== undefined) node.error = attrs.error;
    if (depth > MAX_DEPTH)
      throw new WalkRefusal(path, `groups nested deeper than ${MAX_DEPTH} levels`);
    let names: string[];
    try {
      names = g.keys();
    } catch (e) {
      node.error = this.checked(e);
      return node;
    }
    for (const name of names) {
      const link = join(path, name);
      if (++this.visits > this.limits.maxObjects) {
        throw new WalkRefusal(
          link,
          `more than limits.maxHdf5Objects (${this.limits.maxObjects}) links`,
        );
      }
      if (Date.now() > this.limits.deadline) {
        throw new WalkRefusal(link, 'HDF5 read did not finish within limits.hdf5ReadMs');
      }
      node.names.push(name);
      node.children.push(this.child(link, depth));
    }
    return node;
  }

  private child(link: string, depth: number): SnapshotNode {
    try {
      const path = this.resolve(link, 0);
      if (path === undefined) return { kind: 'other', type: 'BrokenSoftLink' };
      const entity = this.file.get(path);
      const type = entity === null ? 'missing' : String((entity as { type?: unknown }).type);
      if (type !== 'Group' && type !== 'Dataset') return { kind: 'other', type };
      const address = this.address(path);
      const ancestor = this.open.get(address);
      if (ancestor !== undefined) {
        throw new WalkRefusal(link, `link back to ${ancestor}, a group that contains it (a loop)`);
      }
      const seen = this.seen.get(address);
      if (seen) return seen.node;
      let node: SnapshotNode;
      if (type === 'Group') {
        this.open.set(address, path);
        try {
          node = this.group(path, depth + 1);
        } finally {
          this.open.delete(address);
        }
      } else {
        node = this.dataset(entity as H5.Dataset, link);
      }
      this.seen.set(address, { node, path });
      return node;
    } catch (e) {
      return { kind: 'other', type: 'unreadable', error: this.checked(e) };
    }
  }

  private dataset(ds: H5.Dataset, link: string): SnapshotNode {
    // Dataset attributes are left out: no Keras reader uses them.
    const node: SnapshotNode = { kind: 'dataset', shape: null, dtype: null };
    try {
      node.shape = ds.shape;
      node.dtype = ds.dtype;
    } catch (e) {
      node.error = this.checked(e);
      return node;
    }
    const limits = this.limits;
    const shape = node.shape ?? [];
    const top = link.split('/')[1] ?? '';
    if (!this.values || limits.skipValues.includes(top)) {
      node.error = 'values not read (not needed to load a model)';
      return node;
    }
    if (shape.length > limits.maxRank) {
      node.error = `not read: rank ${shape.length} exceeds limits.maxRank (${limits.maxRank})`;
      return node;
    }
    const size = shape.reduce((n, d) => n * d, 1);
    if (!(size <= limits.maxTensorElements)) {
      node.error = `not read: ${size} elements exceed limits.maxTensorElements (${limits.maxTensorElements})`;
      return node;
    }
    const kind = typeof node.dtype === 'string' ? node.dtype.replace(/[<>=|]/, '')[0] : undefined;
    const item = (kind !== undefined ? ITEM_BYTES[kind] : undefined) ?? 8;
    if (this.valueBytes + size * item > limits.maxValueBytes) {
      node.error = `not read: the datasets read so far and this one pass limits.maxWeightBytes (${limits.maxValueBytes})`;
      return node;
    }
    try {
      const value = ds.value;
      this.valueBytes += sizeOf(value);
      node.value = own(value, this.transfer);
    } catch (e) {
      node.error = this.checked(e);
    }
    return node;
  }
}

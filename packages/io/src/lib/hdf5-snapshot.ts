/**
 * A read HDF5 file as plain data (what the reading worker sends back, see
 * hdf5-walk.ts), and the `H5Group` / `H5Dataset` views that the format
 * readers navigate. Items the worker could not read carry an `error` that is
 * raised only when a reader touches them, as h5wasm would have raised it, so a
 * damaged part the readers never need does not fail the load.
 */

import { at } from '@framewise/core';

/** An attribute's value, or why it could not be read. */
export type SnapshotAttr = { value: unknown; error?: undefined } | { error: string };

/** One object of a file's tree, as the worker sends it. */
export type SnapshotNode =
  | {
      kind: 'group';
      /** Child names, in HDF5's order (kept apart from `children`: numeric names would reorder keys). */
      names: string[];
      children: SnapshotNode[];
      attrs: [string, SnapshotAttr][];
      error?: string;
    }
  | {
      kind: 'dataset';
      shape: number[] | null;
      dtype: unknown;
      /** Absent when not read: a damaged dataset, one over the limits, or values not asked for. */
      value?: unknown;
      error?: string;
    }
  | { kind: 'other'; type: string; error?: string };

/** An attribute as the readers see it: reading `value` raises the worker's error, if any. */
export interface H5Attribute {
  /** The attribute's value (a string, number, typed array or array of those). */
  readonly value: unknown;
}

/**
 * An HDF5 group (the file itself is the root group): what the format readers use
 * of it. Implemented by io's snapshots and, structurally, by h5wasm's own `Group`.
 */
export interface H5Group {
  /** `'Group'`. */
  readonly type: string;
  /** Child names, in HDF5's order. */
  keys(): string[];
  /** The object at a `/`-separated path below this group, or null. */
  get(path: string): unknown;
  /** Attributes by name. */
  readonly attrs: Record<string, H5Attribute>;
}

/** An HDF5 dataset: what the format readers use of it (implemented like `H5Group`). */
export interface H5Dataset {
  /** `'Dataset'`. */
  readonly type: string;
  /** Its dimensions; null for a dataset without a dataspace. */
  readonly shape: number[] | null;
  /** Its type as h5wasm describes it (`'<f'`: little-endian float32 ...). */
  readonly dtype: unknown;
  /** Its values (a typed array for numbers); raises when they could not be read. */
  readonly value: unknown;
}

function attrsOf(list: [string, SnapshotAttr][]): Record<string, H5Attribute> {
  const out: Record<string, H5Attribute> = Object.create(null);
  for (const [name, attr] of list) {
    out[name] = {
      get value(): unknown {
        if (attr.error !== undefined) throw new Error(attr.error);
        return attr.value;
      },
    };
  }
  return out;
}

type GroupNode = Extract<SnapshotNode, { kind: 'group' }>;
type DatasetNode = Extract<SnapshotNode, { kind: 'dataset' }>;

class SnapshotGroup implements H5Group {
  readonly type = 'Group';
  readonly attrs: Record<string, H5Attribute>;

  constructor(private readonly node: GroupNode) {
    this.attrs = attrsOf(node.attrs);
  }

  keys(): string[] {
    return [...this.node.names];
  }

  get(path: string): H5Group | H5Dataset | null {
    let node: SnapshotNode = this.node;
    for (const part of path.split('/').filter((p) => p !== '' && p !== '.')) {
      // An unreadable object on the way is a read failure, not a missing child.
      if (node.kind === 'other' && node.error !== undefined) throw new Error(node.error);
      if (node.kind !== 'group') return null;
      const i = node.names.indexOf(part);
      // A group whose listing failed has no children to offer: raise what the listing raised.
      if (i < 0 && node.error !== undefined) throw new Error(node.error);
      if (i < 0) return null;
      node = at(node.children, i, 'child of an HDF5 group');
    }
    return wrap(node);
  }
}

class SnapshotDataset implements H5Dataset {
  readonly type = 'Dataset';

  constructor(private readonly node: DatasetNode) {}

  get shape(): number[] | null {
    return this.node.shape;
  }

  get dtype(): unknown {
    return this.node.dtype;
  }

  get value(): unknown {
    if (!('value' in this.node)) throw new Error(this.node.error ?? 'values not read');
    return this.node.value;
  }
}

function wrap(node: SnapshotNode): H5Group | H5Dataset | null {
  if (node.kind === 'group') return new SnapshotGroup(node);
  if (node.kind === 'dataset') return new SnapshotDataset(node);
  if (node.error !== undefined) throw new Error(node.error);
  return null;
}

/** The root group of a snapshot the worker sent. */
export function snapshotRoot(root: SnapshotNode): H5Group {
  if (root.kind !== 'group') throw new Error('the file root is not a group');
  return new SnapshotGroup(root);
}

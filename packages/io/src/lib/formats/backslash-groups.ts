/**
 * Keras 3.0 on Windows joined the group paths of `.weights.h5` files with the
 * system separator, so a file written there holds top-level groups named
 * `layers\dense\vars` or `layers\dense` (HDF5 treats `\` as an ordinary
 * character) where every other writer nests `layers/dense/vars`. This view
 * shows such a file as if it were nested, so one reader serves both.
 */
import type { H5Attribute, H5Group } from '../hdf5-snapshot.js';

interface Branch {
  /** The real top-level name this node stands for, when one is spelled exactly so. */
  real?: string;
  children: Map<string, Branch>;
}

/** `root` with backslash-separated top-level names shown as nested groups; `root` itself when it has none. */
export function nestBackslashNames(root: H5Group): H5Group {
  const names = root.keys();
  if (!names.some((n) => n.includes('\\'))) return root;
  const top: Branch = { children: new Map() };
  for (const name of names) {
    let node = top;
    for (const part of name.split('\\').filter((p) => p !== '')) {
      let next = node.children.get(part);
      if (next === undefined) {
        next = { children: new Map() };
        node.children.set(part, next);
      }
      node = next;
    }
    node.real = name;
  }
  return new BranchGroup(root, top, root.attrs);
}

const NO_ATTRS: Record<string, H5Attribute> = Object.freeze(Object.create(null));

class BranchGroup implements H5Group {
  readonly type = 'Group';

  constructor(
    private readonly root: H5Group,
    private readonly node: Branch,
    readonly attrs: Record<string, H5Attribute> = NO_ATTRS,
  ) {}

  keys(): string[] {
    const own = this.node.real === undefined ? [] : (this.realGroup()?.keys() ?? []);
    return [...new Set([...this.node.children.keys(), ...own])];
  }

  get(path: string): unknown {
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    let node = this.node;
    let i = 0;
    // Follow the backslash names as far as they go, then ask the real object for the rest.
    for (; i < parts.length; i++) {
      const next = node.children.get(parts[i] ?? '');
      if (next === undefined) break;
      node = next;
    }
    const rest = parts.slice(i);
    if (rest.length === 0) return this.view(node);
    if (node.real === undefined) return null;
    return this.root.get([node.real, ...rest].join('/'));
  }

  private view(node: Branch): unknown {
    if (node.children.size > 0) {
      const real = node.real === undefined ? undefined : (this.root.get(node.real) as H5Group);
      return new BranchGroup(this.root, node, real?.attrs ?? NO_ATTRS);
    }
    return node.real === undefined ? null : this.root.get(node.real);
  }

  private realGroup(): H5Group | undefined {
    const entity = this.node.real === undefined ? null : this.root.get(this.node.real);
    return (entity as H5Group | null)?.type === 'Group' ? (entity as H5Group) : undefined;
  }
}

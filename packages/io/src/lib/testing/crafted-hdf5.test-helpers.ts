/**
 * Hostile HDF5 files, made at test time with h5wasm itself (no stored blobs):
 * the weights of a small model written by io's own writers, with chosen datasets
 * turned into links (external, soft, hard) and link structures added (loops,
 * shared groups, many links).
 */
import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames, type Model } from '@framewise/core';
import { dense } from '@framewise/layers';
import { writeKeras2Weights, writeKeras3Weights } from '../formats/h5-weights.js';
import { KERAS3_LAYOUT_VERSION } from '../formats/keras-zip.js';
import { writeHdf5, type H5WriteGroup } from '../hdf5.js';
import { keras3Config } from '../versions/index.js';
import { writeZip } from '../zip.js';

/** What a dataset of the weights becomes. */
export type Link =
  /** An external link to `path` inside the HDF5 file `file` on the host. */
  | { kind: 'external'; file: string; path: string }
  /** A soft link; `'stash'` as target: the dataset's own values, moved to `/stash/<n>`. */
  | { kind: 'soft'; target: string }
  /** A hard link to an existing object; `'stash'` as for soft links. */
  | { kind: 'hard'; target: string };

/** The values of the crafted model's kernel ([3, 2]) and bias ([2]). */
export const KERNEL = [1, 2, 3, 4, 5, 6];
export const BIAS = [0.5, -0.5];

/** input_1 → dense_1 (Dense, 2 units) with KERNEL and BIAS. */
export function craftedModel(): Model {
  resetNames();
  const x = input({ shape: [3] });
  const m = model({ inputs: x, outputs: dense({ units: 2 }).apply(x) });
  m.layers[1]!.setWeights([tf.tensor2d(KERNEL, [3, 2]), tf.tensor1d(BIAS)]);
  return m;
}

/** The model's Keras 2 topology (to_json text). */
export function craftedTopology(m: Model): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(m.toJSON()));
}

/** Where the Keras 2 writer puts the crafted model's kernel, and the Keras 3 writer. */
export const KERNEL_PATH = { keras2: '/dense_1/dense_1/kernel:0', keras3: '/layers/dense/vars/0' };

/**
 * The model's weights in `layout`, with each dataset whose path `replace` maps to a
 * link written as that link instead; `extra` then adds whatever else a case needs.
 */
export function weightsWithLinks(
  m: Model,
  layout: 'keras2' | 'keras3',
  replace: (path: string) => Link | undefined,
  extra: (root: H5WriteGroup) => void = () => undefined,
): Promise<Uint8Array> {
  return writeHdf5((root) => {
    let stashed = 0;
    const wrap = (g: H5WriteGroup): H5WriteGroup =>
      new Proxy(g, {
        get(target, prop) {
          if (prop === 'create_group') return (name: string) => wrap(target.create_group(name));
          if (prop === 'get') {
            return (name: string) => {
              const entity = target.get(name) as { type?: unknown } | null;
              return entity?.type === 'Group' ? wrap(entity as H5WriteGroup) : entity;
            };
          }
          if (prop === 'create_dataset') {
            return (args: Parameters<H5WriteGroup['create_dataset']>[0]) => {
              const link = replace(`${target.path === '/' ? '' : target.path}/${args.name}`);
              if (!link) return target.create_dataset(args);
              let to = link.kind === 'external' ? link.path : link.target;
              if (to === 'stash') {
                const stash = root.get('stash') ?? root.create_group('stash');
                to = `/stash/${stashed++}`;
                (stash as H5WriteGroup).create_dataset({ ...args, name: to.split('/').pop()! });
              }
              if (link.kind === 'external') target.create_external_link(link.file, to, args.name);
              else if (link.kind === 'soft') target.create_soft_link(to, args.name);
              else target.create_hard_link(to, args.name);
              return undefined;
            };
          }
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
        },
      });
    const writer = wrap(root);
    if (layout === 'keras2') writeKeras2Weights(m, writer, 'crafted');
    else writeKeras3Weights(m, writer);
    extra(root);
  });
}

/** An HDF5 file holding `/secret`, a [3, 2] dataset of 42s: what an external link reaches for. */
export function secretFile(): Promise<Uint8Array> {
  return writeHdf5((root) => {
    root.create_dataset({ name: 'secret', data: new Float32Array(6).fill(42), shape: [3, 2] });
  });
}

/** A `.keras` archive of the model whose `model.weights.h5` is `weights`. */
export function kerasArchive(m: Model, weights: Uint8Array): Uint8Array {
  const text = (x: unknown) => new TextEncoder().encode(JSON.stringify(x));
  return writeZip({
    'metadata.json': text({ keras_version: KERAS3_LAYOUT_VERSION }),
    'config.json': text(keras3Config(m)),
    'model.weights.h5': weights,
  });
}

/** Links from inside the tree back to the root: `/loop` → `/` and `/dense_1/up` → `/`. */
export function loopToRoot(root: H5WriteGroup): void {
  root.create_hard_link('/', 'loop');
  root.create_group('deep').create_hard_link('/', 'up');
}

/** Soft links that point at each other (`/s1` → `/s2` → `/s1`). */
export function softLoop(root: H5WriteGroup): void {
  root.create_soft_link('/s2', 's1');
  root.create_soft_link('/s1', 's2');
}

/**
 * `levels` groups, each holding two hard links to the next: a tree of 2^levels
 * paths over `levels` objects, which a walk that follows every path never finishes.
 */
export function lattice(levels: number): (root: H5WriteGroup) => void {
  return (root) => {
    const groups = [root.create_group('lattice')];
    for (let i = 1; i <= levels; i++) groups.push(root.create_group(`lattice_${i}`));
    for (let i = 0; i < levels; i++) {
      groups[i]!.create_hard_link(`/lattice_${i + 1}`, 'x');
      groups[i]!.create_hard_link(`/lattice_${i + 1}`, 'y');
    }
  };
}

/** `count` empty groups at the root. */
export function manyGroups(count: number): (root: H5WriteGroup) => void {
  return (root) => {
    const g = root.create_group('many');
    for (let i = 0; i < count; i++) g.create_group(`g${i}`);
  };
}

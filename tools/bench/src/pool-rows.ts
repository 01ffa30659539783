/**
 * The multi-core rows (`--rows pool`): the suite's four large TimeDistributed
 * rows, the video classifier example and two small models, each timed on the
 * three ways Framewise uses the cores of a Node process: wasm on one thread,
 * wasm's threaded build on every core, and `@framewise/pool` on every core.
 */
import * as tf from '@tensorflow/tfjs-core';
import { input, model, timeDistributed, type Model } from '@framewise/core';
import { conv2d, dense } from '@framewise/layers';
import { inputShape, ROWS, type RowSpec } from '@framewise/bench';
import { MODEL_ROWS } from './model-rows.js';
import { setupModelRow } from './model-setup.js';

export interface PoolRowSpec {
  /** Stable id for `--rows`: every id starts with `pool-`. */
  id: string;
  label: string;
  /** A TimeDistributed row of the suite, or a whole-model row. */
  source: { kind: 'td'; row: RowSpec } | { kind: 'model'; id: string; batch: number };
  /** Small models, measured to find where more cores stop paying. */
  small?: boolean;
}

function tdRow(id: string, small = false): PoolRowSpec {
  const row = ROWS.find((r) => r.id === id);
  if (!row) throw new Error(`no suite row ${id}`);
  return {
    id: `pool-${id}`,
    label: row.label,
    source: { kind: 'td', row },
    ...(small ? { small } : {}),
  };
}

function videoRow(batch: number, small = false): PoolRowSpec {
  return {
    id: `pool-video-classifier-${batch}x20`,
    label: `video classifier example b${batch} t20 64×64×3`,
    source: { kind: 'model', id: 'model-video-classifier-4x20', batch },
    ...(small ? { small } : {}),
  };
}

/** The rows, in table order. */
export const POOL_ROWS: readonly PoolRowSpec[] = [
  tdRow('dense-8x4096-512to512'),
  tdRow('dense-32x1000-256to256'),
  tdRow('conv2d-8x64-64x64x16to32'),
  tdRow('conv2d-4x256-32x32x16to32'),
  videoRow(4),
  videoRow(16),
  videoRow(1, true),
  tdRow('dense-32x12-8to10', true),
];

/** Rows for the filters of `--rows` that start with `pool`; none without such a filter. */
export function selectPoolRows(filter: string | undefined): PoolRowSpec[] {
  if (filter === undefined) return [];
  const parts = filter
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p.startsWith('pool'));
  return POOL_ROWS.filter((r) => parts.some((p) => r.id.includes(p)));
}

export interface PoolSetup {
  x: tf.Tensor;
  model: Model;
  dispose(): void;
}

const SEED = 7;

/**
 * Weights drawn from a seeded generator, so that a model rebuilt on another
 * wasm build (switching builds drops every tensor) computes the same function.
 */
function seedWeights(m: Model): void {
  const weights = m
    .getWeights()
    .map((w, i) => tf.randomNormal(w.shape, 0, 0.1, 'float32', SEED + i));
  m.setWeights(weights);
  tf.dispose(weights);
}

/** The row's model and input on the active backend. */
export function setupPoolRow(spec: PoolRowSpec): PoolSetup {
  let x: tf.Tensor;
  let m: Model;
  if (spec.source.kind === 'td') {
    const row = spec.source.row;
    x = tf.randomNormal(inputShape(row), 0, 1, 'float32', SEED);
    const inner =
      row.kind === 'dense'
        ? dense({ units: row.units })
        : conv2d({ filters: row.units, kernelSize: 3, padding: 'same' });
    const symbolic = input({ shape: [row.time, ...row.rest] });
    m = model({ inputs: symbolic, outputs: timeDistributed(inner).apply(symbolic) });
  } else {
    const { id, batch } = spec.source;
    const base = MODEL_ROWS.find((r) => r.id === id);
    if (!base) throw new Error(`no model row ${id}`);
    const both = setupModelRow({ ...base, batch });
    both.tfjsLayers.dispose();
    x = both.x;
    m = both.framewise;
  }
  seedWeights(m);
  return {
    x,
    model: m,
    dispose() {
      m.dispose();
      x.dispose();
    },
  };
}

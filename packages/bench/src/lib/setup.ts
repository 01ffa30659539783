/**
 * Builds the variants of one row on the active backend, all with one set of
 * weights: (a) Framewise's TimeDistributed applied eagerly, (a′) the same in a
 * model through `predict`, (b) the floor (raw fused op once on the merged
 * `[batch*time, ...]` input), (c) tfjs-layers' TimeDistributed.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  at,
  input,
  model,
  timeDistributed,
  type Layer,
  type TimeDistributed,
} from '@framewise/core';
import { conv2d, dense } from '@framewise/layers';
import { inputShape, type RowSpec } from './rows.js';
import type { Timed } from './timing.js';

/** Variant names, as they appear in the JSON. */
export const VARIANTS = ['apply', 'predict', 'floor', 'tfjsLayers'] as const;
export type VariantName = (typeof VARIANTS)[number];

export interface RowSetup {
  x: tf.Tensor;
  /** Framewise's inner layer (shared by every Framewise variant). */
  inner: Layer;
  td: TimeDistributed;
  /** `tfjsLayers` is absent when the row skips tfjs-layers on this backend. */
  variants: Record<Exclude<VariantName, 'tfjsLayers'>, Timed> & { tfjsLayers?: Timed };
  /** Frees every tensor and weight the setup made. */
  dispose(): void;
}

const SEED = 42;

function framewiseInner(row: RowSpec): Layer {
  return row.kind === 'dense'
    ? dense({ units: row.units })
    : conv2d({ filters: row.units, kernelSize: 3, padding: 'same' });
}

function tfjsLayersInner(row: RowSpec): tfl.layers.Layer {
  return row.kind === 'dense'
    ? tfl.layers.dense({ units: row.units })
    : tfl.layers.conv2d({ filters: row.units, kernelSize: 3, padding: 'same' });
}

/** The floor: the row's fused op once on the merged input, reshaped back, with the given weights. */
function floorOf(row: RowSpec, x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor): () => tf.Tensor {
  const merged = row.batch * row.time;
  if (row.kind === 'dense') {
    return () =>
      tf.tidy(() => {
        const a = tf.reshape(x, [merged, at(row.rest, 0, 'feature size')]) as tf.Tensor2D;
        const y = tf.fused.matMul({ a, b: kernel as tf.Tensor2D, bias });
        return tf.reshape(y, [row.batch, row.time, row.units]);
      });
  }
  const [h, w, c] = row.rest as [number, number, number];
  return () =>
    tf.tidy(() => {
      const x4 = tf.reshape(x, [merged, h, w, c]) as tf.Tensor4D;
      const y = tf.fused.conv2d({
        x: x4,
        filter: kernel as tf.Tensor4D,
        strides: 1,
        pad: 'same',
        bias,
      });
      return tf.reshape(y, [row.batch, row.time, ...y.shape.slice(1)]);
    });
}

/**
 * Builds and wires the variants; tensors live until `dispose`. tfjs-layers is
 * built (on a symbolic input, which computes nothing) only `withTfjsLayers`.
 */
export function setupRow(row: RowSpec, withTfjsLayers = true): RowSetup {
  const x = tf.randomNormal(inputShape(row), 0, 1, 'float32', SEED);
  const inner = framewiseInner(row);
  const td = timeDistributed(inner);
  tf.dispose(td.apply(x)); // builds the weights

  // Glorot kernel from the layer; a non-zero bias so the bias path is compared too.
  const kernel = at(inner.getWeights(), 0, 'kernel');
  const bias = tf.randomNormal([row.units], 0, 0.5, 'float32', SEED + 1);
  inner.setWeights([kernel, bias]);
  bias.dispose();
  const [k, b] = inner.getWeights() as [tf.Tensor, tf.Tensor];

  const symbolic = input({ shape: [row.time, ...row.rest] });
  const m = model({ inputs: symbolic, outputs: td.apply(symbolic) });

  const variants: RowSetup['variants'] = {
    apply: { name: 'apply', run: () => td.apply(x) },
    predict: { name: 'predict', run: () => m.predict(x) as tf.Tensor },
    floor: { name: 'floor', run: floorOf(row, x, k, b) },
  };
  let tflTd: tfl.layers.Layer | undefined;
  if (withTfjsLayers) {
    const layer = tfl.layers.timeDistributed({ layer: tfjsLayersInner(row) });
    tflTd = layer;
    // Builds the weights on a symbolic input, then takes Framewise's weights.
    layer.apply(tfl.input({ shape: [row.time, ...row.rest] }));
    layer.setWeights(td.getWeights());
    variants.tfjsLayers = {
      name: 'tfjsLayers',
      run: () => tf.tidy(() => layer.apply(x) as tf.Tensor),
    };
    if (row.tfjsLayersMaxReps !== undefined) {
      variants.tfjsLayers.maxReps = row.tfjsLayersMaxReps;
      variants.tfjsLayers.warmupCalls = 1;
    }
  }
  return {
    x,
    inner,
    td,
    variants,
    dispose() {
      tflTd?.dispose();
      inner.dispose();
      x.dispose();
    },
  };
}

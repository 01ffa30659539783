/**
 * The merged-reshape path for tfjs-layers' own `TimeDistributed`: fold time
 * into the batch axis, call the wrapped layer once, unfold. Masks travel the
 * way tf.keras' `TimeDistributed` moves them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { layers } from '@tensorflow/tfjs-layers';

type TflLayer = layers.Layer;
type Kwargs = Record<string, unknown>;

/** The parts of a tfjs-layers `TimeDistributed` the patched methods read. */
export interface TimeDistributedLike {
  layer: TflLayer;
}

function one(x: tf.Tensor | tf.Tensor[], what: string): tf.Tensor {
  if (!Array.isArray(x)) return x;
  const [first] = x;
  if (x.length !== 1 || first === undefined) {
    throw new TypeError(`TimeDistributed expects exactly one ${what}, received ${x.length}`);
  }
  return first;
}

function oneMask(mask: unknown): tf.Tensor | null {
  if (mask === null || mask === undefined) return null;
  if (Array.isArray(mask)) return (mask[0] as tf.Tensor | null | undefined) ?? null;
  return mask as tf.Tensor;
}

/** `[batch, time, ...rest]` → `[batch*time, ...rest]`. */
function merge(x: tf.Tensor): tf.Tensor {
  const [batch = 1, time = 1, ...rest] = x.shape;
  return tf.reshape(x, [batch * time, ...rest]);
}

/** `[batch*time, ...rest]` → `[batch, time, ...rest]`. */
function split(y: tf.Tensor, batch: number, time: number): tf.Tensor {
  return tf.reshape(y, [batch, time, ...y.shape.slice(1)]);
}

/**
 * The mask the wrapped layer sees: tf.keras passes `[batch*time, ...]`. A
 * `[batch, time]` mask folds to one flag per call of the layer, which no
 * tfjs-layers layer reads and some (an inner model) would misread, so only
 * masks with axes beyond time are passed on.
 */
function innerMask(mask: tf.Tensor | null): tf.Tensor | null {
  return mask !== null && mask.rank > 2 ? merge(mask) : null;
}

/**
 * True when one sample's result depends on the other samples of the batch
 * (stateful recurrent layers; BatchNormalization while training). Folding
 * time into the batch would change such a layer's result, so it keeps the
 * per-step loop. Looks inside models and wrappers.
 */
export function isBatchCoupled(layer: unknown, training: boolean): boolean {
  if (layer === null || typeof layer !== 'object') return false;
  const l = layer as {
    stateful?: unknown;
    getClassName?: () => string;
    layers?: unknown;
    layer?: unknown;
    forwardLayer?: unknown;
    backwardLayer?: unknown;
  };
  if (l.stateful === true) return true;
  if (training && l.getClassName?.() === 'BatchNormalization') return true;
  if (Array.isArray(l.layers) && l.layers.some((inner) => isBatchCoupled(inner, training))) {
    return true;
  }
  return [l.layer, l.forwardLayer, l.backwardLayer].some(
    (inner) => inner !== undefined && inner !== layer && isBatchCoupled(inner, training),
  );
}

/** `TimeDistributed.call` on the merged-reshape path; `undefined` where the loop must run. */
export function mergedCall(
  self: TimeDistributedLike,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Kwargs,
): tf.Tensor | undefined {
  if (isBatchCoupled(self.layer, kwargs['training'] === true)) return undefined;
  return tf.tidy(() => {
    const x = one(inputs, 'input');
    const [batch = 1, time = 1] = x.shape;
    const inner: Kwargs = { ...kwargs };
    delete inner['mask'];
    const m = innerMask(oneMask(kwargs['mask']));
    if (m !== null) inner['mask'] = m;
    const y = one(self.layer.call(merge(x), inner), 'output of the wrapped layer');
    return split(y, batch, time);
  });
}

/**
 * `TimeDistributed.computeMask` as tf.keras computes it: the wrapped layer's
 * own mask (an `Embedding` with `maskZero`, a `Masking` layer) comes out as
 * `[batch, time, ...]`; otherwise the incoming mask, reduced to `[batch, time]`.
 */
export function mergedComputeMask(
  self: TimeDistributedLike,
  inputs: tf.Tensor | tf.Tensor[],
  mask: tf.Tensor | tf.Tensor[] | null | undefined,
): tf.Tensor | null {
  const out = tf.tidy(() => {
    const x = one(inputs, 'input');
    const [batch = 1, time = 1] = x.shape;
    const incoming = oneMask(mask);
    const layer = self.layer;
    // tfjs-layers throws when a mask reaches a layer that does not support
    // masking; such a layer makes no mask of its own, so it is asked without one.
    const passed = layer.supportsMasking && incoming !== null ? merge(incoming) : null;
    const own = oneMask(layer.computeMask(merge(x), passed ?? undefined));
    if (own !== null) return split(own, batch, time);
    if (incoming === null) return [];
    if (incoming.rank <= 2) return incoming;
    const extra = Array.from({ length: incoming.rank - 2 }, (_, i) => i + 2);
    return tf.any(incoming, extra);
  });
  return Array.isArray(out) ? null : out;
}

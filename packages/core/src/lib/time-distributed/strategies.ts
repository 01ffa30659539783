import * as tf from '@tensorflow/tfjs-core';
import { at, singletonOrArray } from '../checked.js';
import { InternalError, ShapeError } from '../errors.js';
import type { Layer, Masks, StepLayout } from '../layer.js';
import { formatShape } from '../shape.js';
import { mergeMask, stepMask } from './mask.js';

/** The inputs of one wrapper call, as the strategies see them. */
export interface StepInputs {
  values: tf.Tensor[];
  /** False for an input passed whole to every step (broadcast). */
  distributed: boolean[];
  masks: (tf.Tensor | null)[];
  training: boolean;
  layerName: string;
  /** What the wrapper tells layers that read the step layout (noise and batch statistics). */
  noise: StepLayout['noise'];
  statistics: StepLayout['statistics'];
}

function toList(y: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(y) ? y : [y];
}

function innerMasks(masks: (tf.Tensor | null)[]): Masks | undefined {
  if (masks.every((m) => m === null)) return undefined;
  return singletonOrArray(masks);
}

/** The leading sizes `[batch, t1, ... t_depth]` all distributed inputs share; throws if they differ. */
export function leadingShape(inputs: StepInputs, depth: number): number[] {
  const [lead, ...others] = inputs.values
    .filter((_, i) => inputs.distributed[i])
    .map((x) => x.shape.slice(0, depth + 1));
  if (lead === undefined) throw new InternalError('the wrapper has no distributed input');
  const own = others.find((o) => o.length !== lead.length || o.some((d, k) => d !== lead[k]));
  if (own) {
    throw new ShapeError(
      `distributed inputs must share their leading [batch, time] sizes: ${formatShape(lead)} and ${formatShape(own)}`,
      inputs.layerName,
    );
  }
  return lead;
}

/**
 * The fast path: merges batch and the `depth` distributed axes into one batch
 * axis, calls the layer once, and splits the axes back. Reshapes share memory,
 * so this costs what the inner layer costs on the merged tensor.
 */
export function mergedCall(layer: Layer, inputs: StepInputs, depth: number): tf.Tensor[] {
  const lead = leadingShape(inputs, depth);
  const masks = inputs.masks.map((m) => (m ? mergeMask(m, lead) : null));
  const steps: StepLayout = { lead, noise: inputs.noise, statistics: inputs.statistics };
  const y = callInner(layer, mergeInputs(inputs, lead, depth), masks, inputs.training, steps);
  return y.map((o) => tf.reshape(o, [...lead, ...o.shape.slice(1)]));
}

/** Inputs with batch and the distributed axes merged; broadcast inputs repeated for every step. */
function mergeInputs(inputs: StepInputs, lead: number[], depth: number): tf.Tensor[] {
  return inputs.values.map((x, i) => {
    if (inputs.distributed[i]) return tf.reshape(x, [-1, ...x.shape.slice(depth + 1)]);
    // A broadcast input is repeated for every step so it stays aligned with its sample.
    const expanded = tf.reshape(x, [
      at(x.shape, 0, 'batch size of a broadcast input'),
      ...lead.slice(1).map(() => 1),
      ...x.shape.slice(1),
    ]);
    const tiled = tf.tile(expanded, [1, ...lead.slice(1), ...x.shape.slice(1).map(() => 1)]);
    return tf.reshape(tiled, [-1, ...x.shape.slice(1)]);
  });
}

function callInner(
  layer: Layer,
  xs: tf.Tensor[],
  masks: (tf.Tensor | null)[],
  training: boolean,
  steps?: StepLayout,
): tf.Tensor[] {
  const mask = innerMasks(masks);
  const extra = { ...(mask ? { mask } : {}), ...(steps ? { steps } : {}) };
  return toList(layer.call(singletonOrArray(xs), { training, ...extra }));
}

/**
 * The reshape path, `chunkSize` steps at a time: the merged `[batch*steps, ...]`
 * tensor is cut into contiguous blocks of `chunkSize` steps' worth of slices,
 * each block runs in its own `tf.tidy`, so the inner layer's intermediates
 * never exist for more than one block. Contiguous blocks (rather than slices
 * along the time axis) keep slicing and joining to plain memory copies; the
 * layer is not batch-coupled on this path, so which slices share a call does
 * not change the result.
 */
export function chunkedCall(
  layer: Layer,
  inputs: StepInputs,
  depth: number,
  chunkSize: number,
): tf.Tensor[] {
  const lead = leadingShape(inputs, depth);
  const time = at(lead, 1, 'time size');
  // Batch statistics and shared noise must see every slice in one call.
  if (time <= chunkSize || layer.readsStepLayout(inputs.training))
    return mergedCall(layer, inputs, depth);
  const rowsPerStep = lead.reduce((a, b) => a * b, 1) / time;
  const merged = mergeInputs(inputs, lead, depth);
  const masks = inputs.masks.map((m) => (m ? mergeMask(m, lead) : null));
  const rows = rowsPerStep * time;
  const block = chunkSize * rowsPerStep;
  const parts: tf.Tensor[][] = [];
  for (let start = 0; start < rows; start += block) {
    const size = Math.min(block, rows - start);
    const cut = (t: tf.Tensor): tf.Tensor => tf.slice(t, start, size);
    parts.push(
      tf.tidy(() =>
        callInner(
          layer,
          merged.map(cut),
          masks.map((m) => (m ? cut(m) : null)),
          inputs.training,
        ),
      ),
    );
  }
  const out = at(parts, 0, 'first chunk output').map((_, k) => {
    const joined = tf.concat(
      parts.map((p) => at(p, k, 'chunk output')),
      0,
    );
    return tf.reshape(joined, [...lead, ...joined.shape.slice(1)]);
  });
  parts.forEach((p) => tf.dispose(p));
  return out;
}

/** The step-by-step path: one call per time step on `[batch, ...]` slices, then a stack. */
export function loopCall(layer: Layer, inputs: StepInputs): tf.Tensor[] {
  const time = at(leadingShape(inputs, 1), 1, 'time size');
  if (time === 0)
    throw new ShapeError('cannot run the loop strategy on zero time steps', inputs.layerName);
  const steps = inputs.values.map((x, i) => (inputs.distributed[i] ? tf.unstack(x, 1) : null));
  const outputs: tf.Tensor[][] = [];
  for (let t = 0; t < time; t++) {
    const xs = inputs.values.map((x, i) => steps[i]?.[t] ?? x);
    const masks = inputs.masks.map((m) => (m ? stepMask(m, t) : null));
    outputs.push(tf.tidy(() => callInner(layer, xs, masks, inputs.training)));
  }
  return at(outputs, 0, 'first step output').map((_, k) =>
    tf.stack(
      outputs.map((o) => at(o, k, 'step output')),
      1,
    ),
  );
}

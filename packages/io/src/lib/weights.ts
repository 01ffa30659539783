/**
 * Weight values read from a file, and putting them into a model: every shape
 * is checked before any tensor is made, then all values are assigned; a
 * failure leaves the model's weights as they were and no tensor behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayerVariable } from '@framewise/core';
import { at, formatShape } from '@framewise/core';
import { ModelFileError } from './errors.js';

/** A weight's values as read from a file, not yet a tensor. */
export interface RawWeight {
  /** Its name in the file (manifest name, HDF5 weight name or dataset path). */
  name: string;
  shape: number[];
  values: Float32Array | Int32Array;
  /** Where it sits in the file, for messages (HDF5 dataset path, shard name). */
  location: string;
}

/** A weight of the model paired with the value to give it. */
export interface Assignment {
  variable: LayerVariable;
  weight: RawWeight;
}

/**
 * Checks every pair's shape, then assigns them all. A mismatch throws a
 * `ModelFileError` naming the file, the weight's place in it, both shapes and
 * the model's weight; nothing is assigned then.
 */
export function assignWeights(assignments: Assignment[], file: string): void {
  for (const { variable, weight } of assignments) {
    const same =
      weight.shape.length === variable.shape.length &&
      weight.shape.every((d, i) => d === variable.shape[i]);
    if (!same) {
      throw new ModelFileError(
        file,
        weight.location,
        `weight of the wrong shape for ${variable.name}: expected ${formatShape(variable.shape)}, the file has ${formatShape(weight.shape)}`,
      );
    }
    if (weight.values.length !== variable.size) {
      throw new ModelFileError(
        file,
        weight.location,
        `weight ${weight.name} holds ${weight.values.length} values, its shape ${formatShape(weight.shape)} needs ${variable.size}`,
      );
    }
  }
  for (const { variable, weight } of assignments) {
    const dtype = variable.value.dtype === 'int32' ? 'int32' : 'float32';
    const t = tf.tensor(weight.values, weight.shape, dtype);
    try {
      variable.value.assign(t);
    } finally {
      t.dispose();
    }
  }
}

/**
 * Pairs a model's weights with a file's list by order, like Keras'
 * `load_weights` (per layer, or for the whole model); counts must agree.
 */
export function byOrder(
  variables: LayerVariable[],
  weights: RawWeight[],
  file: string,
  where: string,
): Assignment[] {
  if (variables.length !== weights.length) {
    throw new ModelFileError(
      file,
      where,
      `the file has ${weights.length} weight(s) (${weights.map((w) => w.name).join(', ') || 'none'}), the model ${variables.length} (${variables.map((v) => v.name).join(', ') || 'none'})`,
    );
  }
  return variables.map((variable, i) => ({ variable, weight: at(weights, i, 'file weight') }));
}

/**
 * Pairs by name where every model weight finds exactly one file weight of
 * that name (`names` gives each variable's name in the file's convention);
 * otherwise by order. Extra or missing weights are reported by name.
 */
export function byNameOrOrder(
  entries: { variable: LayerVariable; name: string }[],
  weights: RawWeight[],
  file: string,
): Assignment[] {
  const byName = new Map(weights.map((w) => [w.name, w]));
  const matched = entries.map((e) => byName.get(e.name));
  if (
    byName.size === weights.length &&
    matched.every((w) => w !== undefined) &&
    weights.length === entries.length
  ) {
    return entries.map((e, i) => ({ variable: e.variable, weight: at(matched, i, 'file weight') }));
  }
  if (weights.length !== entries.length) {
    const missing = entries.filter((_, i) => !matched[i]).map((e) => e.name);
    const extra = weights.filter((w) => !entries.some((e) => e.name === w.name)).map((w) => w.name);
    throw new ModelFileError(
      file,
      'weightsManifest',
      `the file has ${weights.length} weight(s), the model ${entries.length}` +
        (missing.length ? `; not in the file: ${missing.join(', ')}` : '') +
        (extra.length ? `; not in the model: ${extra.join(', ')}` : ''),
    );
  }
  return byOrder(
    entries.map((e) => e.variable),
    weights,
    file,
    'weightsManifest',
  );
}

/** Float32 values from any numeric typed array a file may hold (float64, float16 read as numbers). */
export function toFloat32(values: unknown, file: string, location: string): Float32Array {
  if (values instanceof Float32Array) return values;
  if (
    ArrayBuffer.isView(values) &&
    !(values instanceof DataView) &&
    !(values instanceof BigInt64Array) &&
    !(values instanceof BigUint64Array)
  ) {
    return Float32Array.from(values as unknown as ArrayLike<number>);
  }
  if (typeof values === 'number') return Float32Array.of(values);
  // Keras stores counters (Normalization's `count`) as int64, which h5wasm reads as BigInt.
  if (typeof values === 'bigint') return Float32Array.of(Number(values));
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    return Float32Array.from(values, (v) => Number(v));
  }
  throw new ModelFileError(
    file,
    location,
    `expected numeric weight data, found ${values === null ? 'null' : typeof values}`,
  );
}

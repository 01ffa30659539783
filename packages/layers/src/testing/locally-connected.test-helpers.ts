import * as tf from '@tensorflow/tfjs-core';

/**
 * Keras 2's `local_conv` written out with loops over plain arrays: for each
 * output position (row-major), the input window flattened as taps row-major
 * then channels, times that position's `[features, filters]` kernel, plus the
 * position's bias. `x` is `[batch, ...spatial, channels]`.
 */
export function localConvByHand(
  x: tf.Tensor,
  kernel: tf.Tensor,
  bias: tf.Tensor | undefined,
  kernelSize: number[],
  strides: number[],
): tf.Tensor {
  const [batch = 0, ...rest] = x.shape;
  const spatial = rest.slice(0, -1);
  const channels = rest[rest.length - 1] ?? 0;
  const out = spatial.map((n, i) => Math.floor((n - kernelSize[i]!) / strides[i]!) + 1);
  const filters = kernel.shape[2] ?? 0;
  const xs = x.arraySync() as unknown;
  const ks = kernel.arraySync() as number[][][];
  const bs = bias ? (tf.reshape(bias, [-1, filters]).arraySync() as number[][]) : undefined;
  const at = (b: number, idx: number[], c: number): number => {
    let v = (xs as unknown[])[b];
    for (const i of idx) v = (v as unknown[])[i];
    return (v as number[])[c]!;
  };
  const positions = product(out.map((n) => range(n)));
  const taps = product(kernelSize.map((k) => range(k)));
  const result: number[] = [];
  for (let b = 0; b < batch; b++) {
    positions.forEach((pos, p) => {
      for (let f = 0; f < filters; f++) {
        let sum = bs ? bs[p]![f]! : 0;
        let feature = 0;
        for (const tap of taps) {
          const idx = pos.map((o, i) => o * strides[i]! + tap[i]!);
          for (let c = 0; c < channels; c++) {
            sum += at(b, idx, c) * ks[p]![feature]![f]!;
            feature++;
          }
        }
        result.push(sum);
      }
    });
  }
  return tf.tensor(result, [batch, ...out, filters]);
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const product = (axes: number[][]): number[][] =>
  axes.reduce<number[][]>((acc, axis) => acc.flatMap((p) => axis.map((i) => [...p, i])), [[]]);

/**
 * An implementation-1 kernel `[positions, taps × channels, filters]` in
 * implementation 2's layout `[...inputSizes, channels, ...outputSizes, filters]`:
 * each window's entries copied, every other entry set to `outside` (which the
 * layer's mask must ignore).
 */
export function toImplementation2(
  kernel: tf.Tensor,
  inputSizes: number[],
  channels: number,
  outputSizes: number[],
  kernelSize: number[],
  strides: number[],
  outside = 7,
): tf.Tensor {
  const k1 = kernel.arraySync() as number[][][];
  const filters = kernel.shape[2] ?? 0;
  const inputs = product(inputSizes.map((n) => range(n)));
  const outputs = product(outputSizes.map((n) => range(n)));
  const values: number[] = [];
  for (const l of inputs) {
    for (let c = 0; c < channels; c++) {
      outputs.forEach((o, p) => {
        const offset = l.map((li, d) => li - o[d]! * strides[d]!);
        const inside = offset.every((t, d) => t >= 0 && t < kernelSize[d]!);
        const tap = offset.reduce((acc, t, d) => acc * kernelSize[d]! + t, 0);
        for (let f = 0; f < filters; f++) {
          values.push(inside ? k1[p]![tap * channels + c]![f]! : outside);
        }
      });
    }
  }
  return tf.tensor(values, [...inputSizes, channels, ...outputSizes, filters]);
}

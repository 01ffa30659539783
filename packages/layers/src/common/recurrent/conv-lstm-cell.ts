import * as tf from '@tensorflow/tfjs-core';
import { at, getActivation, type ActivationIdentifier } from '@framewise/core';
import type { Padding } from '../conv-arithmetic.js';
import type { RecurrentCell } from './cell-loop.js';
import type { ConvLSTMGeometry } from './conv-lstm-options.js';

/**
 * The geometry of a ConvLSTM cell as 2-D convolutions: a 1-D layer runs with
 * height 1 (`[1, steps]` maps, `[1, k]` kernels), so both ranks share one cell.
 */
export interface ConvCellGeometry {
  /** Spatial size of one input frame, `[height, width]`. */
  inputMap: [number, number];
  /** Spatial size of the output and states, `[height, width]`. */
  outputMap: [number, number];
  channels: number;
  filters: number;
  strides: [number, number];
  dilations: [number, number];
  padding: Padding;
  /**
   * Convolve each step's frame inside the step instead of every frame at once
   * in `project`: the loop then splits the raw frames, not the 4·filters-wide
   * projection (see `convolveInputPerStep`).
   */
  inputPerStep: boolean;
}

/** The weights as 2-D convolution filters: `[kh, kw, in, 4·filters]`. */
export interface ConvCellWeights {
  kernel: tf.Tensor4D;
  recurrentKernel: tf.Tensor4D;
  bias: tf.Tensor1D | undefined;
}

/** Activations of the cell. */
export interface ConvCellActivations {
  activation: ActivationIdentifier;
  recurrentActivation: ActivationIdentifier;
}

/**
 * A ConvLSTM cell (Shi et al. 2015, Keras' formulation) for the shared
 * recurrent loop, which runs on flat vectors: the sequence comes as
 * `[batch, time, height·width·channels]` and the states as
 * `[batch, height·width·filters]`, row-major views of the feature maps, so
 * masks, `goBackwards`, kept states and wasm's linear step split apply
 * unchanged. The input convolution (strides, padding, dilation) runs once over
 * every frame, or inside each step (`inputPerStep`); each step adds the
 * recurrent convolution of `h` (stride 1, `same`, as Keras), then gates i, f,
 * c, o as an LSTM does.
 */
export function convLSTMCell(
  g: ConvCellGeometry,
  w: ConvCellWeights,
  acts: ConvCellActivations,
  recurrentDropoutMask: tf.Tensor2D | undefined,
): RecurrentCell {
  const activation = getActivation(acts.activation);
  const gate = getActivation(acts.recurrentActivation);
  const [oh, ow] = g.outputMap;
  const inputConv = (frames: tf.Tensor4D): tf.Tensor4D => {
    const conv = tf.conv2d(frames, w.kernel, g.strides, g.padding, 'NHWC', g.dilations);
    return w.bias ? tf.add(conv, w.bias) : conv;
  };
  return {
    project(x) {
      const [batch, time] = x.shape;
      if (g.inputPerStep) return tf.reshape(x, x.shape);
      const frames = tf.reshape(x, [batch * time, ...g.inputMap, g.channels]) as tf.Tensor4D;
      return tf.reshape(inputConv(frames), [batch, time, oh * ow * 4 * g.filters]);
    },
    step(xp, states) {
      const h = at(states, 0, 'ConvLSTM hidden state');
      const c = at(states, 1, 'ConvLSTM cell state');
      const batch = at(h.shape, 0, 'batch');
      const hPrev = recurrentDropoutMask ? tf.mul(h, recurrentDropoutMask) : h;
      const hMap = tf.reshape(hPrev, [batch, oh, ow, g.filters]) as tf.Tensor4D;
      const recurrent = tf.conv2d(hMap, w.recurrentKernel, 1, 'same');
      const zx = g.inputPerStep
        ? inputConv(tf.reshape(xp, [batch, ...g.inputMap, g.channels]) as tf.Tensor4D)
        : tf.reshape(xp, [batch, oh, ow, 4 * g.filters]);
      const z = tf.add(zx, recurrent);
      const [zi, zf, zc, zo] = tf.split(z, 4, 3) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const cMap = tf.reshape(c, [batch, oh, ow, g.filters]);
      const cNext = tf.add(tf.mul(gate(zf), cMap), tf.mul(gate(zi), activation(zc)));
      const hNext = tf.mul(gate(zo), activation(cNext));
      const flat: [number, number] = [batch, oh * ow * g.filters];
      return [tf.reshape(hNext, flat) as tf.Tensor2D, tf.reshape(cNext, flat) as tf.Tensor2D];
    },
  };
}

/**
 * Whether to convolve the input inside each step. On wasm the loop splits its
 * sequence with `tf.split`, whose `Slice` copies the whole part out of the
 * wasm heap (`log2(time)` copies of the sequence, see `cell-loop.ts`); there
 * the smaller of the raw frames and their projection is the one to split. A
 * projection is 4·filters/channels times wider: for 8×8×4 frames and 8 filters
 * the per-step convolution cut one call at 1000 steps from 1.8 s to 1.0 s. On
 * the other backends one convolution over every frame is the faster.
 */
export function convolveInputPerStep(
  inputMap: readonly number[],
  outputMap: readonly number[],
  channels: number,
  filters: number,
): boolean {
  if (tf.getBackend() !== 'wasm') return false;
  const size = (map: readonly number[]) => map.reduce((n, d) => n * d, 1);
  return size(inputMap) * channels < size(outputMap) * 4 * filters;
}

/**
 * The cell geometry for an input of `shape` (`[batch, time, ...spatial,
 * channels]`) whose states are `outputMap`, as 2-D maps (height 1 in 1-D).
 */
export function cellGeometry(
  conv: ConvLSTMGeometry,
  shape: readonly number[],
  filters: number,
  outputMap: number[],
): ConvCellGeometry {
  const spatial = shape.slice(2, 2 + conv.rank);
  const as2d = (xs: readonly number[]): [number, number] =>
    conv.rank === 1 ? [1, at(xs, 0, 'size')] : [at(xs, 0, 'height'), at(xs, 1, 'width')];
  const channels = at(shape, shape.length - 1, 'channels');
  return {
    inputMap: as2d(spatial),
    outputMap: as2d(outputMap),
    channels,
    filters,
    strides: as2d(conv.strides),
    dilations: as2d(conv.dilationRate),
    padding: conv.padding,
    inputPerStep: convolveInputPerStep(spatial, outputMap, channels, filters),
  };
}

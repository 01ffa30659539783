import * as tf from '@tensorflow/tfjs-core';

/**
 * True while tfjs records a gradient tape (inside `tf.grad`, `tf.variableGrads`, a training
 * step). Reads tfjs-core's engine state, which is not public API; false where it is missing.
 */
export function recordingGradients(): boolean {
  const state = (tf.engine() as unknown as { state?: { gradientDepth?: unknown } }).state;
  return typeof state?.gradientDepth === 'number' && state.gradientDepth > 0;
}

/** Puts `rate − 1` zeros between the taps of axis 0 of `[taps, ...rest]` (flattened rest). */
function spreadRows(filter: tf.Tensor, rate: number): tf.Tensor {
  const [taps = 1, ...rest] = filter.shape;
  const inner = rest.reduce((a, b) => a * b, 1);
  const spread = tf.pad(tf.reshape(filter, [taps, 1, inner]), [
    [0, 0],
    [0, rate - 1],
    [0, 0],
  ]);
  const cut = tf.slice(
    tf.reshape(spread, [taps * rate, inner]),
    [0, 0],
    [(taps - 1) * rate + 1, -1],
  );
  return tf.reshape(cut, [(taps - 1) * rate + 1, ...rest]);
}

/**
 * A Conv2D filter `[kh, kw, in, out]` with `rate − 1` zeros between its taps on each
 * spatial axis: convolving with it undilated gives the dilated convolution. tfjs-core 4.22
 * refuses the gradient of a convolution with dilations ("dilation rates greater than 1 are
 * not yet supported in gradients"); this one has gradients on every backend (reshape, pad,
 * slice and transpose). It costs `((k − 1)·rate + 1)² / k²` times the multiplications, so
 * layers use it only while gradients are recorded.
 */
export function dilatedKernel(filter: tf.Tensor4D, [rh, rw]: [number, number]): tf.Tensor4D {
  // Called inside the layer's tidy: the intermediates are freed with the call's.
  const tall = rh > 1 ? spreadRows(filter, rh) : filter;
  if (rw === 1) return tall as tf.Tensor4D;
  // Width first, spread, and back: [kw, kh', in, out] ↔ [kh', kw, in, out].
  const wide = spreadRows(tf.transpose(tall, [1, 0, 2, 3]), rw);
  return tf.transpose(wide, [1, 0, 2, 3]) as tf.Tensor4D;
}

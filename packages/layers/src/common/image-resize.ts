import * as tf from '@tensorflow/tfjs-core';

/** Resampling rules of Resizing and CenterCrop (tf.keras 2 also has bicubic, area, lanczos ...). */
export type ResizeInterpolation = 'bilinear' | 'nearest';

/**
 * `tf.image.resize` of TensorFlow 2 on `[batch, height, width, channels]`:
 * half-pixel centres, corners not aligned, no antialiasing. (tfjs-layers'
 * Resizing aligns the corners instead, so its numbers differ from Keras'.)
 */
export function resizeImages(
  x: tf.Tensor4D,
  size: [number, number],
  interpolation: ResizeInterpolation,
): tf.Tensor4D {
  return interpolation === 'nearest'
    ? tf.image.resizeNearestNeighbor(x, size, false, true)
    : tf.image.resizeBilinear(x, size, false, true);
}

/** `a / b` rounded as TensorFlow's float32 division, then truncated (a cast to int32). */
const f32Quotient = (a: number, b: number): number => Math.trunc(Math.fround(Math.fround(a) / b));

/**
 * Keras 2's `smart_resize`: the largest centred window of the image with the
 * target's aspect ratio, resized to the target. Window sizes and offsets are
 * rounded as Keras rounds them (float32 quotients, truncated).
 */
export function smartResize(
  x: tf.Tensor4D,
  size: [number, number],
  interpolation: ResizeInterpolation,
): tf.Tensor4D {
  const [, h, w] = x.shape;
  const [th, tw] = size;
  const cropH = Math.min(h, f32Quotient(w * th, tw));
  const cropW = Math.min(w, f32Quotient(h * tw, th));
  const top = f32Quotient(h - cropH, 2);
  const left = f32Quotient(w - cropW, 2);
  const window =
    cropH === h && cropW === w ? x : tf.slice(x, [0, top, left, 0], [-1, cropH, cropW, -1]);
  return resizeImages(window, size, interpolation);
}

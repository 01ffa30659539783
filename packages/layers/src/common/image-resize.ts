import * as tf from '@tensorflow/tfjs-core';

/** Resampling rules of Resizing and CenterCrop (tf.keras 2 also has bicubic, area, lanczos ...). */
export type ResizeInterpolation = 'bilinear' | 'nearest';

/**
 * `tf.image.resize` of TensorFlow 2 on `[batch, height, width, channels]`:
 * half-pixel centres, corners not aligned, no antialiasing. (tfjs-layers'
 * Resizing aligns the corners instead, so its numbers differ from Keras'.)
 *
 * The gradient is computed here: tfjs 4.22's resize gradient kernels ignore
 * half-pixel centres on every backend, and the cpu bilinear one returns
 * height and width swapped, which breaks training on non-square images.
 */
export function resizeImages(
  x: tf.Tensor4D,
  size: [number, number],
  interpolation: ResizeInterpolation,
): tf.Tensor4D {
  const [, h, w] = x.shape;
  const resize = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const images = args[0] as tf.Tensor4D;
    const value: tf.Tensor =
      interpolation === 'nearest'
        ? tf.image.resizeNearestNeighbor(images, size, false, true)
        : tf.image.resizeBilinear(images, size, false, true);
    return {
      value,
      gradFunc: (dy: tf.Tensor) => [resizeGradient(dy as tf.Tensor4D, h, w, interpolation)],
    };
  });
  return resize(x) as tf.Tensor4D;
}

/**
 * The weight of input pixel `k` in output pixel `i` along one axis, for
 * TensorFlow's half-pixel resize from `inSize` to `outSize`: an `[outSize,
 * inSize]` matrix (two entries per row for bilinear, one for nearest).
 */
export function interpolationMatrix(
  inSize: number,
  outSize: number,
  interpolation: ResizeInterpolation,
): tf.Tensor2D {
  const m = new Float32Array(outSize * inSize);
  const scale = inSize / outSize;
  for (let i = 0; i < outSize; i++) {
    if (interpolation === 'nearest') {
      m[i * inSize + Math.min(Math.floor((i + 0.5) * scale), inSize - 1)] = 1;
      continue;
    }
    const at = (i + 0.5) * scale - 0.5;
    const floor = Math.floor(at);
    const lerp = at - floor;
    const lower = Math.max(floor, 0);
    const upper = Math.min(Math.ceil(at), inSize - 1);
    // lower and upper coincide at the borders: both weights land on one pixel.
    m[i * inSize + lower] = (m[i * inSize + lower] ?? 0) + 1 - lerp;
    m[i * inSize + upper] = (m[i * inSize + upper] ?? 0) + lerp;
  }
  return tf.tensor2d(m, [outSize, inSize]);
}

/** `dx[b, h, w, c] = Σ Rh[i, h] · Rw[j, w] · dy[b, i, j, c]`, one axis at a time. */
function resizeGradient(
  dy: tf.Tensor4D,
  h: number,
  w: number,
  interpolation: ResizeInterpolation,
): tf.Tensor4D {
  const [b, oh, ow, c] = dy.shape;
  const rows = interpolationMatrix(h, oh, interpolation);
  const cols = interpolationMatrix(w, ow, interpolation);
  const byRow = tf.reshape(tf.transpose(dy, [1, 0, 2, 3]), [oh, b * ow * c]);
  const dRows = tf.reshape(tf.matMul(rows, byRow, true), [h, b, ow, c]);
  const byCol = tf.reshape(tf.transpose(dRows, [2, 1, 0, 3]), [ow, b * h * c]);
  const dCols = tf.reshape(tf.matMul(cols, byCol, true), [w, b, h, c]);
  return tf.transpose(dCols, [1, 2, 0, 3]) as tf.Tensor4D;
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

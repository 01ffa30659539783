import * as tf from '@tensorflow/tfjs-core';

type Shape5 = [number, number, number, number, number];
type Triple = [number, number, number];

/**
 * `tf.conv3dTranspose` with a gradient. tfjs-core 4.22 registers none for its
 * kernel (Conv3DBackpropInputV2), so a model with Conv3DTranspose could not
 * train. A transposed convolution is the adjoint of a convolution, so:
 * the gradient for `x` is `conv3d(dy, filter)` and the one for `filter` is the
 * filter gradient of that convolution, with `dy` as its input and `x` as its
 * output gradient. Both kernels exist on every tfjs backend that has Conv3D.
 */
export function conv3dTransposeTrainable(
  x: tf.Tensor5D,
  filter: tf.Tensor5D,
  outputShape: Shape5,
  strides: Triple,
  pad: 'valid' | 'same',
): tf.Tensor5D {
  const op = tf.customGrad((...args: (tf.Tensor | ((tensors: tf.Tensor[]) => void))[]) => {
    const [input, kernel, save] = args as [tf.Tensor5D, tf.Tensor5D, (t: tf.Tensor[]) => void];
    save([input, kernel]);
    return {
      value: tf.conv3dTranspose(input, kernel, outputShape, strides, pad),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, k] = saved as [tf.Tensor5D, tf.Tensor5D];
        return [
          tf.conv3d(dy as tf.Tensor5D, k, strides, pad),
          tf.engine().runKernel(tf.Conv3DBackpropFilterV2, { x: dy, dy: xs }, {
            strides,
            pad,
            filterShape: k.shape,
          } as unknown as tf.NamedAttrMap) as tf.Tensor,
        ];
      },
    };
  });
  return op(x, filter) as tf.Tensor5D;
}

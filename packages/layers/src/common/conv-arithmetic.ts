/** Padding modes of convolutions and pooling. */
export type Padding = 'valid' | 'same';

/** Sizes along depth, height and width, for 3-D layers (`kernelSize`, `strides` ...). */
export type Triple = [number, number, number];

/**
 * Output length of a convolution along one axis (Keras' `conv_output_length`);
 * `null` stays `null`. A result below 1 means the kernel does not fit.
 */
export function convOutputLength(
  length: number | null,
  kernel: number,
  padding: Padding,
  stride: number,
  dilation: number,
): number | null {
  if (length === null) return null;
  const effective = (kernel - 1) * dilation + 1;
  const out = padding === 'same' ? length : length - effective + 1;
  return Math.floor((out + stride - 1) / stride);
}

/**
 * Output length of a transposed convolution along one axis (tfjs-layers'
 * `deconvLength`, Keras' `deconv_output_length` without output padding): the
 * input length a convolution with the same kernel, stride and padding would
 * shrink back to `length`. `null` stays `null`.
 */
export function deconvOutputLength(
  length: number | null,
  kernel: number,
  padding: Padding,
  stride: number,
): number | null {
  if (length === null) return null;
  return padding === 'same' ? length * stride : length * stride + Math.max(kernel - stride, 0);
}

/**
 * Output length of a pooling window along one axis: a convolution's, without
 * dilation. With `valid` padding a window larger than the input gives 0.
 */
export function poolOutputLength(
  length: number | null,
  pool: number,
  padding: Padding,
  stride: number,
): number | null {
  return convOutputLength(length, pool, padding, stride, 1);
}

/** Padding modes of convolutions and pooling. */
export type Padding = 'valid' | 'same';

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

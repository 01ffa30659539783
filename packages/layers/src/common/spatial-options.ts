import { ConfigError, formatShape, ShapeError, type Shape } from '@framewise/core';

/** The only data layout Framewise's convolution, pooling and resampling layers take. */
export type DataFormat = 'channelsLast';

/**
 * Checks `dataFormat`. Framewise keeps channels on the last axis everywhere
 * (what tfjs' kernels run natively), so `channelsFirst` is refused with the fix
 * rather than transposed behind the user's back on every call.
 */
export function channelsLastOnly(value: unknown, layerName: string): DataFormat {
  if (value === undefined || value === 'channelsLast') return 'channelsLast';
  throw new ConfigError(
    `dataFormat must be one of channelsLast, received ${JSON.stringify(value)}: Framewise takes ` +
      `channels on the last axis only; transpose the data to [batch, ..., channels] with tf.transpose`,
    layerName,
  );
}

/**
 * The axes of a rank-`rank` spatial input, for input-spec messages, with the
 * hint to wrap the layer when a sequence of such inputs arrives.
 */
export function spatialInputHint(rank: 1 | 2 | 3, factory: string, args = '...'): string {
  const [axes, wrapped] =
    rank === 1
      ? ['[batch, steps, channels]', 'sequence of sequences']
      : rank === 2
        ? ['[batch, height, width, channels]', 'sequence of images']
        : ['[batch, depth, height, width, channels]', 'sequence of volumes'];
  return `${axes}; for a ${wrapped}, wrap it: timeDistributed(${factory}(${args}))`;
}

/**
 * Throws a `ShapeError` when a window (kernel or pool) leaves no output along
 * some axis; `what` names the window, e.g. `kernel 5×5 (dilation 1×1)`.
 */
export function checkWindowFits(
  output: (number | null)[],
  inputShape: Shape,
  rank: number,
  what: string,
  padding: string,
  layerName: string,
): void {
  if (output.some((n) => n !== null && n < 1)) {
    const spatial = inputShape.slice(1, 1 + rank);
    throw new ShapeError(
      `${what} does not fit an input of ${spatial.map((n) => n ?? 'None').join('×')} ` +
        `with padding '${padding}' (input ${formatShape(inputShape)})`,
      layerName,
    );
  }
}

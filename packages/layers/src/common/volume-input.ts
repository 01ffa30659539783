/**
 * The axes of a volume input (rank 5), for input-spec messages, with the hint
 * to wrap the layer when a sequence of volumes arrives.
 */
export function volumeInputHint(factory: string): string {
  return `[batch, depth, height, width, channels]; for a sequence of volumes, wrap it: timeDistributed(${factory}(...))`;
}

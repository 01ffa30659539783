import { isShapeList, type Shapes, type StreamSupport } from '@framewise/core';

/** Answer of layers that work on each step alone. */
export const PER_STEP: StreamSupport = { kind: 'perStep' };

/**
 * Per step unless one of `axes` (negative ones count from the end) is the
 * time axis (axis 1) of the input: then each step's result depends on the others.
 */
export function perStepUnlessAcrossTime(
  inputShape: Shapes,
  axes: number | number[],
  what: string,
): StreamSupport {
  const shape = isShapeList(inputShape) ? (inputShape[0] ?? []) : inputShape;
  const rank = shape.length;
  const list = Array.isArray(axes) ? axes : [axes];
  return list.some((a) => (a < 0 ? a + rank : a) === 1)
    ? { kind: 'none', reason: `its ${what} is the time axis` }
    : PER_STEP;
}

import type * as tf from '@tensorflow/tfjs-core';
import { at, formatShape, type Shape } from '@framewise/core';

/** Default largest accepted difference between outputs that should agree. */
export const DEFAULT_TOLERANCE = 1e-5;

/** True when a concrete shape fits a symbolic one: same rank, equal sizes where it has them. */
export function shapeFits(expected: Shape, actual: readonly number[]): boolean {
  return (
    expected.length === actual.length && expected.every((d, i) => d === null || d === actual[i])
  );
}

/** Shapes as Keras prints them, several joined with commas. */
export function formatShapes(shapes: readonly (readonly (number | null)[])[]): string {
  return shapes.map((s) => formatShape(s)).join(', ');
}

/** A thrown value as one line. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

// Differences are absolute up to 1 and relative beyond, so large outputs get float32 room.
function scaledDifference(expected: number, actual: number): number {
  if (Number.isNaN(expected) || Number.isNaN(actual)) {
    return Number.isNaN(expected) && Number.isNaN(actual) ? 0 : Infinity;
  }
  if (expected === actual) return 0;
  return Math.abs(expected - actual) / Math.max(1, Math.abs(expected));
}

/**
 * Compares two lists of outputs value by value (read with `await data()`). Returns a sentence
 * saying where they differ most when that is beyond `tolerance`, or when their count or
 * shapes differ; undefined when they agree.
 */
export async function compareOutputs(
  what: string,
  expected: tf.Tensor[],
  actual: tf.Tensor[],
  tolerance: number,
): Promise<string | undefined> {
  if (expected.length !== actual.length) {
    return `${what}: ${actual.length} output(s) where ${expected.length} were expected`;
  }
  for (let k = 0; k < expected.length; k++) {
    const e = at(expected, k, 'expected output');
    const a = at(actual, k, 'actual output');
    if (!shapeFits(e.shape, a.shape)) {
      return `${what}: output ${k} has shape ${formatShape(a.shape)}, expected ${formatShape(e.shape)}`;
    }
    const [ev, av] = await Promise.all([e.data(), a.data()]);
    let worst = 0;
    let worstIndex = -1;
    for (let i = 0; i < ev.length; i++) {
      const d = scaledDifference(Number(ev[i]), Number(av[i]));
      if (d > worst) {
        worst = d;
        worstIndex = i;
      }
    }
    if (worst > tolerance) {
      return (
        `${what}: output ${k} differs by ${worst.toPrecision(3)} (tolerance ${tolerance}) at flat ` +
        `index ${worstIndex} of ${formatShape(e.shape)}: expected ${Number(ev[worstIndex])}, received ${Number(av[worstIndex])}`
      );
    }
  }
  return undefined;
}

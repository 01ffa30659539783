/** Numerical agreement between variants, checked before anything is timed. */
import * as tf from '@tensorflow/tfjs-core';
import { at } from '@framewise/core';

/** Largest tolerated absolute difference between any two variants' outputs. */
export const TOLERANCE = 1e-4;

/** Thrown when outputs disagree: the run fails, whatever the timings. */
export class DisagreementError extends Error {
  override name = 'DisagreementError';
}

function sameShape(a: tf.Tensor, b: tf.Tensor): boolean {
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}

/**
 * Max |a − b| over all elements (NaN if either holds a NaN); the shapes must
 * match. Read with `await data()`, which every backend supports (WebGPU in
 * Node has no `dataSync`).
 */
export async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const m = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  try {
    return at(await m.data(), 0, 'largest difference');
  } finally {
    m.dispose();
  }
}

/**
 * Runs each candidate once and compares it with the reference. Returns the
 * differences; throws `DisagreementError` naming every one above tolerance.
 */
export async function checkAgreement(
  what: string,
  reference: () => tf.Tensor,
  candidates: Record<string, () => tf.Tensor>,
): Promise<Record<string, number>> {
  const ref = reference();
  const diffs: Record<string, number> = {};
  const problems: string[] = [];
  try {
    for (const [name, run] of Object.entries(candidates)) {
      const y = run();
      try {
        if (!sameShape(ref, y)) {
          problems.push(
            `${name} has shape [${y.shape.join(', ')}], the reference [${ref.shape.join(', ')}]`,
          );
          continue;
        }
        diffs[name] = await maxAbsDiff(ref, y);
        if (!(diffs[name] <= TOLERANCE)) problems.push(`${name} max |Δ| = ${diffs[name]}`);
      } finally {
        y.dispose();
      }
    }
  } finally {
    ref.dispose();
  }
  if (problems.length > 0) {
    throw new DisagreementError(
      `${what}: outputs differ from the reference (tolerance ${TOLERANCE}): ${problems.join('; ')}`,
    );
  }
  return diffs;
}

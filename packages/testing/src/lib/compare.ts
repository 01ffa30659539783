import { at } from '@framewise/core';

/** One output of one run, read back from its engine. */
export interface OutputValues {
  /** The output tensor's shape. */
  shape: number[];
  /** Its values, flat, as `await tensor.data()` gave them (bools as 0 and 1). */
  values: ArrayLike<number>;
}

/** Where two runs differ most. */
export interface WorstValue {
  /** Index of the output (cases may return several). */
  output: number;
  /** Flat index of the value in that output. */
  index: number;
  /** The reference's value there. */
  expected: number;
  /** The backend's value there. */
  actual: number;
}

/** The largest absolute difference between two runs, and where it is. */
export interface Comparison {
  /** Largest `|actual − expected|`; Infinity where one side has a NaN or infinity the other lacks. */
  maxAbsDiff: number;
  /** Undefined when the runs agree exactly. */
  worst: WorstValue | undefined;
}

// NaN where the other side has a number counts as an infinite difference; two NaNs, or two
// equal infinities, as none.
function difference(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  return a === b ? 0 : Math.abs(a - b);
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Compares every value of every output. Throws, naming the output and both shapes, when
 * the outputs do not line up.
 */
export function compareOutputs(expected: OutputValues[], actual: OutputValues[]): Comparison {
  if (expected.length !== actual.length) {
    throw new Error(`expected ${expected.length} output(s), the backend gave ${actual.length}`);
  }
  let maxAbsDiff = 0;
  let worst: WorstValue | undefined;
  expected.forEach((e, output) => {
    const a = at(actual, output, 'backend output');
    if (!sameShape(e.shape, a.shape)) {
      throw new Error(
        `output ${output}: expected shape [${e.shape.join(', ')}], the backend gave [${a.shape.join(', ')}]`,
      );
    }
    for (let index = 0; index < e.values.length; index++) {
      const [ev, av] = [at(e.values, index, 'expected value'), at(a.values, index, 'actual value')];
      const d = difference(ev, av);
      if (d > maxAbsDiff) {
        maxAbsDiff = d;
        worst = { output, index, expected: ev, actual: av };
      }
    }
  });
  return { maxAbsDiff, worst };
}

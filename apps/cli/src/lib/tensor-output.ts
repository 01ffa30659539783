import { extname } from 'node:path';
import { at, FramewiseError } from '@framewise/core';
import { writeFilesAtomically } from '@framewise/io';
import { writeNpy, type NpyArray } from './npy.js';

/** An output that cannot be written as asked: one line, exit code 1. */
export class OutputFileError extends FramewiseError {}

/** Values in C order as nested arrays of `shape` (a scalar for shape []). */
export function nest(data: ArrayLike<number>, shape: readonly number[]): unknown {
  const build = (offset: number, depth: number): unknown => {
    if (depth === shape.length) return data[offset];
    const stride = shape.slice(depth + 1).reduce((a, b) => a * b, 1);
    const length = at(shape, depth, 'axis size');
    return Array.from({ length }, (_, i) => build(offset + i * stride, depth + 1));
  };
  return build(0, 0);
}

/** The JSON form of outputs: `{"outputs": [{"shape", "dtype", "data"}]}`, data nested. */
export function outputsJson(outputs: readonly NpyArray[]): string {
  return JSON.stringify({
    outputs: outputs.map((o) => ({
      shape: o.shape,
      dtype: o.dtype,
      data: nest(o.data, o.shape),
    })),
  });
}

/** Writes outputs to a .npy (one output) or .json file, atomically. */
export async function writeOutputs(path: string, outputs: readonly NpyArray[]): Promise<void> {
  if (extname(path).toLowerCase() === '.npy') {
    if (outputs.length !== 1) {
      throw new OutputFileError(
        `the model has ${outputs.length} outputs and a .npy file holds one array; write .json instead`,
      );
    }
    await writeFilesAtomically([{ path, bytes: writeNpy(at(outputs, 0, 'model output')) }]);
  } else {
    const bytes = new TextEncoder().encode(`${outputsJson(outputs)}\n`);
    await writeFilesAtomically([{ path, bytes }]);
  }
}

/** One line per output for people: shape, dtype, range, mean and the first values. */
export function describeOutput(o: NpyArray, index: number, count: number): string[] {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of o.data) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const n = o.data.length;
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(6));
  const first = Array.from(o.data.subarray(0, 8), fmt).join(', ');
  const stats = n === 0 ? 'no values' : `min ${fmt(min)}, max ${fmt(max)}, mean ${fmt(sum / n)}`;
  return [
    `output ${index + 1} of ${count}: shape [${o.shape.join(', ')}] ${o.dtype}, ${stats}`,
    ...(n === 0 ? [] : [`  first values: ${first}${n > 8 ? ', ...' : ''}`]),
  ];
}

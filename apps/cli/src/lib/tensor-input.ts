import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { FramewiseError, isJsonObject, seededRandom } from '@framewise/core';
import { readNpy, type NpyArray } from './npy.js';
import { UsageError } from './args.js';

/** An `--input` that cannot be read: one line, exit code 1. */
export class InputFileError extends FramewiseError {}

/** Most axes an input may have: more than any model takes (io reads no weight of more). */
export const MAX_INPUT_RANK = 8;

/** Seed of `random:SHAPE` inputs, so two runs get the same numbers. */
export const RANDOM_SEED = 42;

function randomInput(spec: string, index: number): NpyArray {
  const text = spec.slice('random:'.length);
  const sizes = text.split(/[,x]/).map((s) => s.trim());
  const shape = sizes.map(Number);
  if (
    sizes.length > MAX_INPUT_RANK ||
    sizes.some((s) => !/^\d+$/.test(s)) ||
    shape.some((d) => d < 1)
  ) {
    throw new UsageError(
      `--input random:SHAPE takes 1 to ${MAX_INPUT_RANK} positive sizes with the batch axis first, e.g. random:4,12,8; received '${spec}'`,
    );
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (count > 2 ** 28) {
    throw new UsageError(`--input ${spec} asks for ${count} values; the limit is 2^28`);
  }
  const next = seededRandom(RANDOM_SEED + index);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = next();
  return { dtype: 'float32', shape, data };
}

/** The shape of a nested JSON array, checking every row has the same length and numbers at the leaves. */
function jsonArray(value: unknown, name: string): NpyArray {
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) {
    // Checked before walking: a file nested thousands deep must not exhaust the stack.
    if (shape.length === MAX_INPUT_RANK) {
      throw new InputFileError(
        `'${name}': arrays nested more than ${MAX_INPUT_RANK} deep; an input has at most ${MAX_INPUT_RANK} axes`,
      );
    }
    shape.push(v.length);
  }
  const flat: number[] = [];
  const walk = (v: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number' && typeof v !== 'boolean') {
        throw new InputFileError(
          `'${name}'${path}: expected a number, found ${v === null ? 'null' : typeof v}`,
        );
      }
      flat.push(Number(v));
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new InputFileError(
        `'${name}'${path}: expected an array of ${shape[depth]} (the array is ragged or mixed)`,
      );
    }
    v.forEach((x, i) => walk(x, depth + 1, `${path}[${i}]`));
  };
  walk(value, 0, '');
  return { dtype: 'float32', shape, data: Float32Array.from(flat) };
}

/**
 * Reads one `--input`: a `.npy` file, a `.json` file (a nested array of numbers, or
 * `{"shape": [...], "data": [...]}` with the values flat in C order), or
 * `random:SHAPE` (uniform in [0, 1), seeded). The batch axis comes first.
 */
export async function readTensorInput(spec: string, index = 0): Promise<NpyArray> {
  if (spec.startsWith('random:')) return randomInput(spec, index);
  const name = basename(spec);
  const ext = extname(spec).toLowerCase();
  if (ext !== '.npy' && ext !== '.json') {
    throw new UsageError(
      `--input takes a .npy file, a .json file or random:SHAPE; received '${spec}'`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(spec);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputFileError(
      `cannot read input '${spec}': ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  if (ext === '.npy') return readNpy(bytes, name);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new InputFileError(`'${name}' is not JSON (${(e as Error).message})`);
  }
  if (isJsonObject(value)) {
    const { shape, data } = value;
    const okShape =
      Array.isArray(shape) &&
      shape.length <= MAX_INPUT_RANK &&
      shape.every((d) => Number.isInteger(d) && (d as number) >= 0);
    if (!okShape || !Array.isArray(data) || data.some((v) => typeof v !== 'number')) {
      throw new InputFileError(
        `'${name}': an object input needs "shape" (at most ${MAX_INPUT_RANK} sizes) and "data" (numbers, C order)`,
      );
    }
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (count !== data.length) {
      throw new InputFileError(
        `'${name}': shape [${(shape as number[]).join(', ')}] holds ${count} values, "data" has ${data.length}`,
      );
    }
    return {
      dtype: 'float32',
      shape: shape as number[],
      data: Float32Array.from(data as number[]),
    };
  }
  if (!Array.isArray(value)) {
    throw new InputFileError(`'${name}': expected a nested array of numbers or {shape, data}`);
  }
  return jsonArray(value, name);
}

import { at } from './checked.js';
import { ShapeError } from './errors.js';

/** A tensor shape; `null` marks a size unknown until run time (the batch, an open time axis). */
export type Shape = (number | null)[];

/** Checks that every size is a non-negative integer or `null`; returns a copy. */
export function checkShape(shape: readonly unknown[], what: string, layerName?: string): Shape {
  if (!Array.isArray(shape)) {
    throw new ShapeError(
      `${what} must be an array of sizes, received ${describe(shape)}`,
      layerName,
    );
  }
  shape.forEach((d, i) => {
    if (d !== null && !(typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
      throw new ShapeError(
        `${what} must hold non-negative integers or null, received ${describe(d)} at axis ${i} of ${formatShape(shape as Shape)}`,
        layerName,
      );
    }
  });
  return shape.slice() as Shape;
}

/** Python-tuple text, as Keras prints shapes: `(None, 12, 10)`, `(None,)`. */
export function formatShape(shape: readonly (number | null)[]): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** Product of the sizes, or `null` when any is unknown. */
export function sizeOf(shape: readonly (number | null)[]): number | null {
  let n = 1;
  for (const d of shape) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

/** True when two sizes may be the same at run time (`null` matches anything). */
export function sizesCompatible(a: number | null, b: number | null): boolean {
  return a === null || b === null || a === b;
}

/** True when the shapes have the same rank and compatible sizes. */
export function shapesCompatible(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
): boolean {
  return a.length === b.length && a.every((d, i) => sizesCompatible(d, at(b, i, 'axis size')));
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(describe).join(', ')}]`;
  return String(v);
}

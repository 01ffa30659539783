import { at, formatShape, type Shape } from '@framewise/core';
import type { SummaryShape } from '../types.js';

/** `str(output_shape)` in Python: a tuple, a list of tuples, or the string itself. */
export function pythonShape(shape: SummaryShape): string {
  if (shape === 'multiple') return shape;
  if (shape.length > 0 && Array.isArray(shape[0])) {
    return `[${(shape as Shape[]).map(formatShape).join(', ')}]`;
  }
  return formatShape(shape as Shape);
}

/** Python's `'{:,}'.format(n)` for an integer: commas between thousands, whatever the locale. */
export function pythonThousands(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/**
 * Keras' `print_row`: each field is appended, cut at its column's end and
 * padded to it; the character before a field is forced to a space so cut
 * cells stay apart. Works on code points, as Python's `len` and slices do.
 */
export function pythonRow(fields: readonly string[], positions: readonly number[]): string {
  let line: string[] = [];
  fields.forEach((field, i) => {
    if (i > 0) line = [...line.slice(0, -1), ' '];
    line = [...line, ...Array.from(field)].slice(0, positions[i]);
    line = [
      ...line,
      ...Array.from(
        { length: Math.max(0, at(positions, i, 'column position') - line.length) },
        () => ' ',
      ),
    ];
  });
  return line.join('');
}

import { ShapeError } from './errors.js';
import { checkShape, formatShape, shapesCompatible, sizeOf } from './shape.js';

describe('shapes', () => {
  it('prints shapes as Keras does', () => {
    expect(formatShape([null, 12, 10])).toBe('(None, 12, 10)');
    expect(formatShape([null])).toBe('(None,)');
    expect(formatShape([])).toBe('()');
  });

  it('rejects negative, fractional and non-numeric sizes with a ShapeError naming the axis', () => {
    expect(() => checkShape([12, -1], 'shape')).toThrow(ShapeError);
    expect(() => checkShape([12, -1], 'shape')).toThrow(/received -1 at axis 1 of \(12, -1\)/);
    expect(() => checkShape([1.5], 'shape', 'dense_9')).toThrow(
      /dense_9: shape must hold non-negative integers or null, received 1.5/,
    );
    expect(() => checkShape(['3'], 'shape')).toThrow(/received '3'/);
    expect(checkShape([null, 0, 3], 'shape')).toEqual([null, 0, 3]);
  });

  it('treats null as matching any size', () => {
    expect(shapesCompatible([4, 12, 8], [null, null, 8])).toBe(true);
    expect(shapesCompatible([4, 12, 8], [null, 12, 9])).toBe(false);
    expect(shapesCompatible([4, 12], [null, 12, 8])).toBe(false);
    expect(sizeOf([2, 3, 4])).toBe(24);
    expect(sizeOf([null, 3])).toBeNull();
  });
});

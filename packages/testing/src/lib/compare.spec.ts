import { compareOutputs } from './compare.js';

const out = (values: number[], shape = [values.length]) => ({ shape, values });

describe('compareOutputs', () => {
  it('finds the largest difference over every output and says where it is', () => {
    const c = compareOutputs(
      [out([1, 2, 3]), out([0, 0], [1, 2])],
      [out([1, 2.5, 3]), out([0, -1], [1, 2])],
    );
    expect(c).toEqual({ maxAbsDiff: 1, worst: { output: 1, index: 1, expected: 0, actual: -1 } });
  });

  it('reports exact agreement as 0 with no worst value', () => {
    expect(compareOutputs([out([1, 2])], [out([1, 2])])).toEqual({
      maxAbsDiff: 0,
      worst: undefined,
    });
  });

  it('counts a NaN or an infinity the other side lacks as an infinite difference', () => {
    expect(compareOutputs([out([NaN, Infinity])], [out([NaN, Infinity])]).maxAbsDiff).toBe(0);
    expect(compareOutputs([out([1, 2])], [out([1, NaN])]).maxAbsDiff).toBe(Infinity);
    expect(compareOutputs([out([Infinity])], [out([3])]).maxAbsDiff).toBe(Infinity);
  });

  it('refuses outputs that do not line up, naming both shapes', () => {
    expect(() => compareOutputs([out([1])], [])).toThrow(
      'expected 1 output(s), the backend gave 0',
    );
    expect(() => compareOutputs([out([1, 2], [2, 1])], [out([1, 2], [1, 2])])).toThrow(
      'output 0: expected shape [2, 1], the backend gave [1, 2]',
    );
  });
});

import { formatTick, logScale } from './chart-scale.js';

describe('logScale', () => {
  it('spans whole decades around the values and places them by their logarithm', () => {
    const s = logScale([0.024, 0.558, 773], [0, 500]);
    expect(s.domain).toEqual([0.01, 1000]);
    expect(s.ticks).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
    // Five decades over 500 px: 100 px per decade.
    expect(s.position(0.01)).toBe(0);
    expect(s.position(1)).toBeCloseTo(200, 9);
    expect(s.position(1000)).toBeCloseTo(500, 9);
    expect(s.position(Math.sqrt(10))).toBeCloseTo(250, 9);
  });

  it('keeps exact powers of ten as the ends (log10(1000) is 2.9999… in floating point)', () => {
    expect(logScale([1, 1000], [0, 300]).domain).toEqual([1, 1000]);
    expect(logScale([0.001, 0.1], [0, 200]).ticks).toEqual([0.001, 0.01, 0.1]);
  });

  it('is one decade wide at least, and ignores values a log scale cannot place', () => {
    expect(logScale([5], [0, 100]).domain).toEqual([1, 10]);
    expect(logScale([10], [0, 100]).domain).toEqual([10, 100]);
    const s = logScale([0, -3, NaN, Infinity, 2], [10, 110]);
    expect(s.domain).toEqual([1, 10]);
    expect(logScale([], [0, 100]).domain).toEqual([0.1, 1]);
  });

  it('clamps to the range and puts values it cannot place at the start', () => {
    const s = logScale([1, 100], [20, 220]);
    expect(s.position(1e6)).toBe(220);
    expect(s.position(1e-6)).toBe(20);
    expect(s.position(0)).toBe(20);
    expect(s.position(NaN)).toBe(20);
  });
});

describe('formatTick', () => {
  it('writes milliseconds below a second and seconds above', () => {
    expect([0.01, 0.1, 1, 100, 1000, 10000].map(formatTick)).toEqual([
      '0.01 ms',
      '0.1 ms',
      '1 ms',
      '100 ms',
      '1 s',
      '10 s',
    ]);
  });
});

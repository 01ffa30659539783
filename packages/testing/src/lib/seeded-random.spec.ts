import { SeededRandom, seededInputs, seededWeights } from './seeded-random.js';

describe('seeded values', () => {
  it('repeat for a seed and change with it', () => {
    expect(new SeededRandom(7).normal(5)).toEqual(new SeededRandom(7).normal(5));
    expect(new SeededRandom(7).normal(5)).not.toEqual(new SeededRandom(8).normal(5));
    expect(seededInputs([[2, 3]], 1)).toEqual(seededInputs([[2, 3]], 1));
  });

  it('give inputs about N(0, 1), apart from the weights of the same seed', () => {
    const [x] = seededInputs([[10_000]], 3);
    const mean = x!.reduce((a, b) => a + b, 0) / x!.length;
    const variance = x!.reduce((a, b) => a + (b - mean) ** 2, 0) / x!.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    expect(Array.from(seededWeights([[4]], 3)[0]!)).not.toEqual(Array.from(x!.slice(0, 4)));
  });

  it('give weights within ±1/√fanIn, and biases within ±1 but not zero', () => {
    const [kernel, bias] = seededWeights([[3, 3, 4, 8], [8]], 5);
    expect(kernel).toHaveLength(288);
    expect(Math.max(...kernel!.map(Math.abs))).toBeLessThanOrEqual(1 / 6);
    expect(Math.max(...bias!.map(Math.abs))).toBeLessThanOrEqual(1);
    expect(bias!.every((b) => b !== 0)).toBe(true);
  });
});

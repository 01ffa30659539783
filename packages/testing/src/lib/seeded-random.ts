import { seededRandom } from '@framewise/core';
/**
 * A small deterministic random stream (mulberry32), so that inputs and weights are the same
 * on every engine and every run without going through any backend.
 */
export class SeededRandom {
  private readonly draw: () => number;

  constructor(seed: number) {
    this.draw = seededRandom(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.draw();
  }

  /** `count` values uniform in [-limit, limit). */
  uniform(count: number, limit: number): Float32Array {
    return Float32Array.from({ length: count }, () => (2 * this.next() - 1) * limit);
  }

  /** `count` values from N(0, 1) (Box–Muller). */
  normal(count: number): Float32Array {
    return Float32Array.from({ length: count }, () => {
      const u = 1 - this.next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    });
  }
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Weight values for a case: each weight U(±1/√fanIn), with fanIn the product of all axes but
 * the last (1 for biases, so they are U(±1) and never the zeros that would hide a wrong bias).
 */
export function seededWeights(
  shapes: readonly (readonly number[])[],
  seed: number,
): Float32Array[] {
  const random = new SeededRandom(seed);
  return shapes.map((shape) => {
    const fanIn = Math.max(1, size(shape.slice(0, -1)));
    return random.uniform(size(shape), 1 / Math.sqrt(fanIn));
  });
}

/** Input values for a case: N(0, 1), from a stream apart from the weights'. */
export function seededInputs(shapes: readonly (readonly number[])[], seed: number): Float32Array[] {
  const random = new SeededRandom(seed ^ 0x9e3779b9);
  return shapes.map((shape) => random.normal(size(shape)));
}

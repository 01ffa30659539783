import * as tf from '@tensorflow/tfjs-core';
import { required } from '@framewise/core';
import { registerBrokenCpuBackend } from './testing/broken-backend.test-helpers.js';
import {
  FIT_STEP_TOLERANCE,
  fitStepEntries,
  worstDifference,
  wronglyMoved,
} from './testing/fit-step/describe-fit-step.test-helpers.js';
import { fitOneStep } from './testing/fit-step/fit-step.test-helpers.js';

// The inference conformance runs forward passes only; a wrong gradient kernel passes it.
// The one-fit-step check must catch one, and only where the kernel runs.
describe('the one-fit-step check', () => {
  const entry = (title: string) =>
    required(
      fitStepEntries.find((e) => e.title === title),
      `fit-step entry ${title}`,
    );

  it('catches a gradient kernel off by 1e-3 in one value, in the layers that use it', async () => {
    const restore = registerBrokenCpuBackend('cpu-broken-gradient', tf.MaxPoolGrad, (values) => {
      values[0] = (values[0] ?? 0) + 1e-3;
    });
    try {
      const gap = async (title: string): Promise<number> => {
        await tf.setBackend('cpu');
        const expected = await fitOneStep(entry(title));
        await tf.setBackend('cpu-broken-gradient');
        return worstDifference(expected, await fitOneStep(entry(title))).diff;
      };
      expect(await gap('MaxPooling2D')).toBeGreaterThan(FIT_STEP_TOLERANCE['webgpu'] ?? 1);
      expect(await gap('AveragePooling2D')).toBe(0);
    } finally {
      await tf.setBackend('cpu');
      restore();
    }
  });

  it('accepts only the still weights an entry declares, and only while they stay still', async () => {
    await tf.setBackend('cpu');
    const declared = entry('MultiHeadAttention');
    const run = await fitOneStep(declared);
    const { zeroGradients: _, ...undeclared } = declared;
    const declare = (names: Record<string, string>) => ({ ...declared, zeroGradients: names });
    expect(wronglyMoved(declared, run)).toEqual([]);
    expect(wronglyMoved(undeclared, run)).toEqual(['multi_head_attention_1/key/bias']);
    // A declared weight that moves is as wrong as an undeclared one that does not.
    expect(wronglyMoved(declare({ 'key/bias': 'x', 'query/kernel': 'y' }), run)).toEqual([
      'multi_head_attention_1/query/kernel',
    ]);
    expect(() => wronglyMoved(declare({ 'key/bais': 'typo' }), run)).toThrow(
      /zeroGradients of MultiHeadAttention name no weight of the model: key\/bais/,
    );
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { resetNames } from '@framewise/core';
import { run } from '../main.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

// A small run (the docs example's test proves the full recipe reaches 95%).
describe('framewise train-example', () => {
  beforeEach(() => resetNames());
  // tfjs' per-kernel leak check (IS_TEST, set by the Jest setup) misfires on wasm for fused
  // matMul with a bias under a gradient tape: it counts the custom gradient's intermediate
  // data as leaked, though wasm's data ids stay constant over any number of steps. The
  // tensor count is checked around each run instead.
  let numTensors = 0;
  beforeAll(() => tf.env().set('IS_TEST', false));
  afterAll(() => tf.env().set('IS_TEST', true));
  beforeEach(() => (numTensors = tf.memory().numTensors));

  it('trains and prints the validation accuracy as JSON', async () => {
    const c = capture();
    const code = await run(
      ['train-example', '--epochs', '2', '--samples', '40', '--seed', '3', '--json'],
      c.io,
    );
    // auto: the one line saying which backend runs, and why.
    expect(c.err).toEqual([expect.stringMatching(/^framewise: using adapter '\w+'/)]);
    expect(code).toBe(0);
    expect(tf.memory().numTensors).toBe(numTensors);
    const result = JSON.parse(c.out.join('\n')) as {
      epochs: number;
      seed: number;
      validationSamples: number;
      backend: string;
      validationAccuracy: number;
      history: Record<string, number[]>;
    };
    expect(result).toMatchObject({ epochs: 2, seed: 3, validationSamples: 8 });
    // No GPU here: auto takes the cpu adapter, whose engine is wasm (tfjs-node cannot install).
    expect(result.backend).toBe('wasm');
    expect(Object.keys(result.history).sort()).toEqual([
      'accuracy',
      'loss',
      'val_accuracy',
      'val_loss',
    ]);
    expect(result.history['loss']).toHaveLength(2);
    expect(result.validationAccuracy).toBe(result.history['val_accuracy']![1]);
  }, 120_000);

  it('prints a summary line and the accuracy as text', async () => {
    const c = capture();
    const code = await run(['train-example', '--epochs', '1', '--samples', '20'], c.io);
    expect(code).toBe(0);
    expect(tf.memory().numTensors).toBe(numTensors);
    expect(c.err.at(-1)).toMatch(
      /^moving squares: 20 clips of 8 frames, 16x16 \(16 to train, 4 to validate\), \d+ parameters, backend wasm$/,
    );
    expect(c.out).toHaveLength(1);
    expect(c.out[0]).toMatch(
      /^validation accuracy: \d+\.\d% \(\d\/4 clips\) after 1 epoch\(s\), \d+\.\d s$/,
    );
  }, 120_000);

  it('rejects bad options with a usage error', async () => {
    const c = capture();
    expect(await run(['train-example', '--epochs', '0'], c.io)).toBe(2);
    expect(c.err).toEqual(["framewise: --epochs must be an integer from 1 to 1000, received '0'"]);
    const h = capture();
    expect(await run(['train-example', '--help'], h.io)).toBe(0);
    expect(h.out[0]).toMatch(/^Usage: framewise train-example/);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import '@framewise/backend-cpu';
import {
  input,
  model,
  resetNames,
  useBackend,
  type Layer,
  type Model,
  type SymbolicTensor,
} from '@framewise/core';
import {
  additiveAttention,
  attention,
  dense,
  masking,
  multiHeadAttention,
} from '@framewise/layers';

// One `fit` step of each attention layer on the default Node engine (wasm,
// through the cpu adapter, which adds the gradient kernels wasm lacks) and on
// the pure-JS cpu engine: both must train, from the same weights, to the same
// weights. The input masks and causal masks are on, so their gradients are too.

interface Case {
  name: string;
  attention: () => Layer;
}

const cases: Case[] = [
  {
    name: 'Attention (scaled dot, causal)',
    attention: () => attention({ useScale: true, causal: true }),
  },
  { name: 'Attention (concat)', attention: () => attention({ scoreMode: 'concat' }) },
  { name: 'AdditiveAttention', attention: () => additiveAttention() },
  {
    name: 'MultiHeadAttention (causal)',
    attention: () => multiHeadAttention({ numHeads: 2, keyDim: 3, useCausalMask: true }),
  },
];

const values = (shape: number[], phase: number): tf.Tensor =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) =>
      // Every fourth step of the query is padding, for Masking to find.
      phase === 0 && Math.floor(i / 4) % 4 === 3 ? 0 : Math.sin(0.37 * i + phase),
    ),
    shape,
  );

function build(make: () => Layer): Model {
  resetNames();
  const q = input({ shape: [4, 4] });
  const v = input({ shape: [4, 4] });
  const attended = make().apply([masking().apply(q), v]) as SymbolicTensor;
  return model({ inputs: [q, v], outputs: dense({ units: 2 }).apply(attended) });
}

async function trainOnce(
  make: () => Layer,
  initial: Float32Array[] | undefined,
): Promise<{ before: Float32Array[]; after: Float32Array[]; loss: number }> {
  const m = build(make);
  if (initial) m.setWeights(m.weights.map((w, i) => tf.tensor(initial[i]!, w.shape)));
  const before = m.getWeights().map((w) => w.dataSync() as Float32Array);
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  const [q, v, y] = [values([6, 4, 4], 0), values([6, 4, 4], 1), values([6, 4, 2], 2)];
  const history = await m.fit([q, v], y, { epochs: 1, batchSize: 6, verbose: 0 });
  const after = m.getWeights().map((w) => Float32Array.from(w.dataSync()));
  const loss = (history.history['loss'] as number[])[0]!;
  tf.dispose([q, v, y]);
  m.dispose();
  return { before: before.map((b) => Float32Array.from(b)), after, loss };
}

const maxDiff = (a: Float32Array[], b: Float32Array[]): number =>
  Math.max(...a.map((w, i) => Math.max(...w.map((x, j) => Math.abs(x - b[i]![j]!)))));

describe('one fit step of the attention layers on wasm and cpu', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(cases)('$name trains on wasm and on cpu, to the same weights', async (c) => {
    await useBackend('cpu');
    expect(tf.getBackend()).toBe('wasm');
    // tfjs' leak check (on under Jest) counts the tensors fused.matMul's custom gradient
    // saves on wasm (Dense's) as a leak; the tensor count is checked here instead.
    tf.env().set('IS_TEST', false);
    const tensors = tf.memory().numTensors;
    const wasm = await trainOnce(c.attention, undefined).finally(() =>
      tf.env().set('IS_TEST', true),
    );
    expect(tf.memory().numTensors).toBe(tensors);
    await tf.setBackend('cpu');
    const cpu = await trainOnce(c.attention, wasm.before);
    expect(Number.isFinite(wasm.loss)).toBe(true);
    expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-5);
    // Every weight moved, on both engines, and by the same amounts.
    wasm.after.forEach((w, i) =>
      expect(Math.max(...w.map((x, j) => Math.abs(x - wasm.before[i]![j]!)))).toBeGreaterThan(0),
    );
    expect(maxDiff(wasm.after, cpu.after)).toBeLessThan(1e-5);
  });

  it('trains with attention dropout on wasm (random, so only checked to move every weight)', async () => {
    await useBackend('cpu');
    tf.env().set('IS_TEST', false);
    const run = await trainOnce(
      () => multiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 0.3 }),
      undefined,
    ).finally(() => tf.env().set('IS_TEST', true));
    expect(Number.isFinite(run.loss)).toBe(true);
    run.after.forEach((w, i) =>
      expect(Math.max(...w.map((x, j) => Math.abs(x - run.before[i]![j]!)))).toBeGreaterThan(0),
    );
  });
});

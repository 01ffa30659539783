import * as tf from '@tensorflow/tfjs-core';
import { webgpuBackend } from '@framewise/backend-webgpu';
import { requireWebgpu } from '@framewise/backend-webgpu/testing';
import { resetNames } from '@framewise/core';
import { movingSquares, movingSquaresClassifier } from './moving-squares.js';

// The same two training steps on WebGPU and on tfjs' cpu backend: gradients
// and updates through TimeDistributed(Conv2D), pooling, LSTM and Dense agree.
// Plain sgd, so each update is the gradient itself times the rate (Adam's first
// steps are about rate·sign(g) and would hide a gradient of the wrong size).
// Skipped with a message where WebGPU is missing; an error under CI=true.

async function twoSteps(
  engine: 'cpu' | 'webgpu',
): Promise<{ losses: number[]; weights: number[][] }> {
  if (engine === 'webgpu') await webgpuBackend.activate();
  else await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe(engine);
  resetNames();
  const { x, y } = movingSquares({ samples: 16, seed: 2 });
  const m = movingSquaresClassifier({ seed: 2 });
  const optimizer = tf.train.sgd(0.5);
  m.compile({
    optimizer,
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const losses: number[] = [];
  for (let i = 0; i < 2; i++) losses.push((await m.trainOnBatch(x, y))['loss']!);
  const weights = await Promise.all(m.getWeights().map(async (w) => Array.from(await w.data())));
  tf.dispose([x, y]);
  optimizer.dispose();
  m.dispose();
  return { losses, weights };
}

requireWebgpu().describe('training on webgpu', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
    await webgpuBackend.release();
  });

  it('takes the same steps as the cpu backend', async () => {
    const cpu = await twoSteps('cpu');
    const gpu = await twoSteps('webgpu');
    gpu.losses.forEach((l, i) => expect(Math.abs(l - cpu.losses[i]!)).toBeLessThan(1e-4));
    // Each weight moved by 0.5·(g₁ + g₂): a gradient off by a few percent shows here.
    gpu.weights.forEach((w, i) =>
      w.forEach((v, j) => expect(Math.abs(v - cpu.weights[i]![j]!)).toBeLessThan(1e-3)),
    );
  }, 120_000);
});

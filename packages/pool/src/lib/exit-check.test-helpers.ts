// Run as a child process by predict-pool.spec.ts: starts a pool, predicts, and returns without
// disposing the pool or the model. The process must then exit on its own.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { input, model } from '@framewise/core';
import { dense } from '@framewise/layers';
import { createPredictPool } from '../index.js';

await tf.setBackend('cpu');
const x = input({ shape: [3] });
const m = model({
  inputs: x,
  outputs: dense({ units: 2, kernelInitializer: 'ones' }).apply(x) as never,
});
const pool = await createPredictPool(m, { workers: 2 });
const y = (await pool.predict(tf.ones([4, 3]))) as tf.Tensor;
console.log(`workers ${pool.workers}, result ${Array.from(y.dataSync()).join(',')}`);

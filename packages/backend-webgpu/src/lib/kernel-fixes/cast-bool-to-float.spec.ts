import * as tf from '@tensorflow/tfjs-core';
import { webgpuBackend } from '../../index.js';
import { requireWebgpu } from '../../testing/index.js';

const webgpu = requireWebgpu();

webgpu.describe('cast from bool to float32 on WebGPU', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
    await webgpuBackend.release();
  });

  it('gives float32 values that transpose and sum over a middle axis (a mask count)', async () => {
    await webgpuBackend.activate();
    // `any` runs on the GPU (a bool tensor made from JavaScript values is cast on the CPU).
    const values = tf.tensor3d(
      [1, 2, 0, 3, 0, 1, 0, 0, 0, 5, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [2, 4, 3],
    );
    const mask = tf.any(tf.notEqual(values, 0), -1);
    const weights = tf.expandDims(tf.cast(mask, 'float32'), 2);
    const counts = tf.sum(weights, 1);
    const flipped = tf.transpose(weights, [1, 0, 2]);
    expect(Array.from(await counts.data())).toEqual([3, 1]);
    expect(Array.from(await flipped.data())).toEqual([1, 1, 1, 0, 0, 0, 1, 0]);
    tf.dispose([values, mask, weights, counts, flipped]);
  }, 60_000);
});

import * as tf from '@tensorflow/tfjs-core';
import { webgpuBackend } from '../../index.js';
import { requireWebgpu } from '../../testing/index.js';
import { expectSameAsCpu, onCpuAndWebgpu, values } from './compare-with-cpu.test-helpers.js';

const webgpu = requireWebgpu();

webgpu.describe('select of rank 5 on WebGPU', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
    await webgpuBackend.release();
  });

  it('picks from two 5-D tensors by a condition of the same shape', async () => {
    const shape = [2, 4, 5, 6, 3];
    const outcome = await onCpuAndWebgpu(() =>
      tf.where(tf.greater(values(shape, 1), 0), values(shape, 2), values(shape, 3)),
    );
    expectSameAsCpu(outcome);
  }, 60_000);

  // tfjs' cpu Select repeats the first values for a per-row condition, and `tf.where`
  // never sends one (it broadcasts the condition first), so the reference here is
  // `tf.where` with the condition broadcast, on WebGPU.
  it('picks whole rows of two 5-D tensors by a condition per row (the Select kernel)', async () => {
    await webgpuBackend.activate();
    const shape = [4, 4, 5, 6, 3];
    const [t, e] = [values(shape, 2), values(shape, 3)];
    const rows = tf.tensor1d([true, false, false, true], 'bool');
    const everywhere = tf.broadcastTo(tf.reshape(rows, [4, 1, 1, 1, 1]), shape);
    const perRow = tf.engine().runKernel(tf.Select, { condition: rows, t, e }) as tf.Tensor;
    const expected = tf.where(everywhere, t, e);
    expect(perRow.shape).toEqual(shape);
    expect(Array.from(await perRow.data())).toEqual(Array.from(await expected.data()));
    tf.dispose([t, e, rows, everywhere, perRow, expected]);
  }, 60_000);

  it('casts a 5-D bool tensor made on the GPU to float32 (the gradient of a 3-D max)', async () => {
    const shape = [2, 4, 5, 6, 3];
    const outcome = await onCpuAndWebgpu(() => tf.cast(tf.greater(values(shape, 4), 0), 'float32'));
    expectSameAsCpu(outcome);
  }, 60_000);
});

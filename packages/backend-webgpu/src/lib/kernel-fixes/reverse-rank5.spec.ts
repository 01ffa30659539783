import * as tf from '@tensorflow/tfjs-core';
import { webgpuBackend } from '../../index.js';
import { requireWebgpu } from '../../testing/index.js';
import { expectSameAsCpu, onCpuAndWebgpu, values } from './compare-with-cpu.test-helpers.js';

const webgpu = requireWebgpu();

webgpu.describe('reverse of rank 5 on WebGPU', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
    await webgpuBackend.release();
  });

  it('reverses the time axis of [batch, time, height, width, channels] (a backward ConvLSTM2D)', async () => {
    const outcome = await onCpuAndWebgpu(() => tf.reverse(values([2, 5, 4, 6, 3], 1), 1));
    expectSameAsCpu(outcome);
  }, 60_000);

  it('reverses several axes, counted from the end too', async () => {
    const outcome = await onCpuAndWebgpu(() => tf.reverse(values([3, 4, 2, 5, 6], 2), [0, 2, -1]));
    expectSameAsCpu(outcome);
  }, 60_000);
});

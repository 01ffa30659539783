import * as tf from '@tensorflow/tfjs-core';
import { webgpuBackend } from '../../index.js';
import { requireWebgpu } from '../../testing/index.js';
import { expectSameAsCpu, onCpuAndWebgpu, values } from './compare-with-cpu.test-helpers.js';

const webgpu = requireWebgpu();

webgpu.describe('elementwise ops of a 5-D tensor and a vector on WebGPU', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
    await webgpuBackend.release();
  });

  const shape = [2, 4, 5, 6, 3];

  it('adds a bias to a 5-D tensor (a Conv3D output)', async () => {
    // The bias is read from a GPU buffer, as a layer's bias is.
    const bias = (): tf.Tensor => tf.slice(tf.abs(values([1200], 2)), [0], [3]);
    expectSameAsCpu(await onCpuAndWebgpu(() => tf.add(values(shape, 1), bias())));
  }, 60_000);

  it('divides a vector by a 5-D tensor, the vector first', async () => {
    expectSameAsCpu(await onCpuAndWebgpu(() => tf.div(values([3], 3), values(shape, 4))));
  }, 60_000);

  it('broadcasts a vector over a 5-D tensor whose last axis has size 1', async () => {
    const outcome = await onCpuAndWebgpu(() => tf.mul(values([2, 4, 5, 6, 1], 5), values([3], 6)));
    expect(outcome.webgpu.shape).toEqual([2, 4, 5, 6, 3]);
    expectSameAsCpu(outcome);
  }, 60_000);

  it('compares a 6-D tensor with a vector', async () => {
    const outcome = await onCpuAndWebgpu(() =>
      tf.cast(tf.greater(values([2, 3, 4, 3, 5, 4], 7), values([4], 8)), 'float32'),
    );
    expectSameAsCpu(outcome);
  }, 60_000);

  it('applies PReLU with one slope per channel to a 5-D tensor', async () => {
    const slopes = (): tf.Tensor => tf.slice(values([1200], 9), [0], [3]);
    expectSameAsCpu(await onCpuAndWebgpu(() => tf.prelu(values(shape, 10), slopes())));
  }, 60_000);
});

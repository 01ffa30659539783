import * as tf from '@tensorflow/tfjs-core';
import { webgpuBackend } from '../../index.js';
import { requireWebgpu } from '../../testing/index.js';
import { expectSameAsCpu, onCpuAndWebgpu, values } from './compare-with-cpu.test-helpers.js';
import { collapseAxes } from './pad-rank5.js';

const webgpu = requireWebgpu();

describe('collapseAxes', () => {
  it('joins each unpadded axis to the one before it, scaling that padding', () => {
    expect(
      collapseAxes(
        [2, 3, 4, 5, 6],
        [
          [0, 0],
          [1, 2],
          [0, 0],
          [0, 1],
          [0, 0],
        ],
      ),
    ).toEqual([
      { size: 2, before: 0, after: 0 },
      { size: 12, before: 4, after: 8 },
      { size: 30, before: 0, after: 6 },
    ]);
  });
});

webgpu.describe('pad of rank 5 and more on WebGPU', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
    await webgpuBackend.release();
  });

  it('pads the inner axes of a 5-D tensor (ZeroPadding3D, the gradient of Cropping3D)', async () => {
    const outcome = await onCpuAndWebgpu(() =>
      tf.pad(values([2, 5, 6, 4, 3], 1), [
        [0, 0],
        [1, 0],
        [0, 2],
        [2, 1],
        [0, 0],
      ]),
    );
    expect(outcome.webgpu.shape).toEqual([2, 6, 8, 7, 3]);
    expectSameAsCpu(outcome);
  }, 60_000);

  it('pads every axis of a 5-D tensor with a constant', async () => {
    const outcome = await onCpuAndWebgpu(() =>
      tf.pad(
        values([2, 5, 6, 4, 3], 2),
        [
          [1, 1],
          [0, 1],
          [2, 0],
          [1, 1],
          [0, 2],
        ],
        -3,
      ),
    );
    expectSameAsCpu(outcome);
  }, 60_000);

  it('pads a 6-D tensor', async () => {
    const outcome = await onCpuAndWebgpu(() =>
      tf.pad(values([2, 3, 4, 3, 5, 4], 3), [
        [0, 1],
        [1, 0],
        [0, 0],
        [1, 2],
        [0, 0],
        [1, 0],
      ]),
    );
    expectSameAsCpu(outcome);
  }, 60_000);
});

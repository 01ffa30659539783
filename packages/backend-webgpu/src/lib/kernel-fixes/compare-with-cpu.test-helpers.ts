import * as tf from '@tensorflow/tfjs-core';
import { webgpuBackend } from '../../index.js';

/** Deterministic values in [-1, 1), so both engines see the same numbers. */
export function values(shape: number[], seed: number): tf.Tensor {
  const count = shape.reduce((a, b) => a * b, 1);
  let state = seed;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out[i] = (state / 2147483648) * 2 - 1;
  }
  return tf.tensor(out, shape, 'float32');
}

/** What an op gave on tfjs' cpu backend and on WebGPU. */
export interface Outcome {
  cpu: { shape: number[]; data: number[] };
  webgpu: { shape: number[]; data: number[] };
  /** Tensors the WebGPU run left behind. */
  leaked: number;
}

async function runOn(op: () => tf.Tensor): Promise<{ shape: number[]; data: number[] }> {
  const result = tf.tidy(op);
  const data = Array.from(await result.data());
  result.dispose();
  return { shape: result.shape, data };
}

/**
 * Runs `op` on tfjs' cpu backend, then on WebGPU (through the adapter, so with its kernel
 * fixes). Inputs of more than 1000 values stay on the GPU: smaller ones may be computed on
 * the CPU by tfjs-backend-webgpu itself.
 */
export async function onCpuAndWebgpu(op: () => tf.Tensor): Promise<Outcome> {
  await tf.setBackend('cpu');
  const cpu = await runOn(op);
  await webgpuBackend.activate();
  const before = tf.memory().numTensors;
  const webgpu = await runOn(op);
  return { cpu, webgpu, leaked: tf.memory().numTensors - before };
}

/** The largest difference between the two runs' values. */
export function worstDifference(outcome: Outcome): number {
  return outcome.cpu.data.reduce(
    (worst, v, i) => Math.max(worst, Math.abs(v - (outcome.webgpu.data[i] ?? NaN))),
    0,
  );
}

/** Asserts both runs gave the same shape and values (to float32 rounding), without leaks. */
export function expectSameAsCpu(outcome: Outcome): void {
  expect(outcome.webgpu.shape).toEqual(outcome.cpu.shape);
  expect(worstDifference(outcome)).toBeLessThan(1e-5);
  expect(outcome.leaked).toBe(0);
}

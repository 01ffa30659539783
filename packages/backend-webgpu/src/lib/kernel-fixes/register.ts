import * as tf from '@tensorflow/tfjs-core';
import { BINARY_KERNELS, binaryRank5BroadcastConfig } from './binary-rank5-broadcast.js';
import { castBoolToFloatConfig } from './cast-bool-to-float.js';
import { padRank5Config } from './pad-rank5.js';
import { reverseRank5Config } from './reverse-rank5.js';
import { selectRank5Config } from './select-rank5.js';

/**
 * Replacements for tfjs-backend-webgpu 4.22 kernels that give wrong results, each made
 * from the kernel it wraps. One line per kernel.
 */
const FIXES: Record<string, (original: tf.KernelFunc) => tf.KernelConfig> = {
  [tf.Cast]: castBoolToFloatConfig,
  [tf.PadV2]: padRank5Config,
  [tf.Reverse]: reverseRank5Config,
  [tf.Select]: selectRank5Config,
  [tf.Prelu]: binaryRank5BroadcastConfig(tf.Prelu, ['x', 'alpha']),
  ...Object.fromEntries(BINARY_KERNELS.map((name) => [name, binaryRank5BroadcastConfig(name)])),
};
const installed = new Set<tf.KernelFunc>();

/**
 * Wraps the webgpu kernels tfjs-backend-webgpu 4.22 gets wrong (see each file), once; called
 * when the adapter loads tfjs-backend-webgpu.
 *
 * @returns the kernel names that were replaced
 */
export function registerWebgpuKernelFixes(): string[] {
  const replaced: string[] = [];
  for (const [name, fix] of Object.entries(FIXES)) {
    const current = tf.getKernel(name, 'webgpu');
    if (!current || installed.has(current.kernelFunc)) continue;
    const config = fix(current.kernelFunc);
    tf.unregisterKernel(name, 'webgpu');
    tf.registerKernel(config);
    installed.add(config.kernelFunc);
    replaced.push(name);
  }
  return replaced;
}

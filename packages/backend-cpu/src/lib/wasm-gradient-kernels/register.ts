import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv3dBackpropFilterConfig } from './conv3d-backprop-filter.js';
import { conv3dBackpropInputConfig } from './conv3d-backprop-input.js';
import {
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
} from './depthwise-backprop.js';
import { maxPoolGradConfig } from './max-pool-grad.js';
import {
  resizeNearestNeighborGradConfig,
  resizeNearestNeighborGradCpuConfig,
} from './resize-nearest-neighbor-grad.js';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum.js';

/** Kernels tfjs-backend-wasm 4.22 lacks: added where missing. One line per kernel. */
const CONFIGS = [
  conv2dBackpropFilterConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
  unsortedSegmentSumConfig,
];

/**
 * Kernels tfjs 4.22 has but gets wrong, replaced (see each file for how they are wrong).
 * One line per kernel.
 */
const REPLACED = [
  conv3dBackpropInputConfig,
  conv3dBackpropFilterConfig,
  maxPoolGradConfig,
  resizeNearestNeighborGradConfig,
  resizeNearestNeighborGradCpuConfig,
];

/**
 * Adds the gradient kernels tfjs-backend-wasm 4.22 lacks (`CONFIGS`: convolution weight
 * gradients, Embedding's UnsortedSegmentSum ...) and replaces the ones tfjs 4.22 gets wrong
 * (`REPLACED`: Conv3D's input and weight gradients and MaxPooling's input gradient on wasm,
 * UpSampling2D's on wasm and on the pure-JS cpu engine), so models train on wasm as on tfjs'
 * cpu backend. A missing kernel the installed tfjs-backend-wasm already has is left alone.
 * The cpu adapter calls this when it loads wasm or the pure-JS engine; call it yourself if you
 * select either with `tf.setBackend`.
 *
 * @returns the kernel names that were added or replaced
 */
export function registerWasmGradientKernels(): string[] {
  const added: string[] = [];
  for (const config of CONFIGS) {
    if (tf.getKernel(config.kernelName, 'wasm') !== undefined) continue;
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  for (const config of REPLACED) {
    const current = tf.getKernel(config.kernelName, config.backendName);
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current) tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  return added;
}

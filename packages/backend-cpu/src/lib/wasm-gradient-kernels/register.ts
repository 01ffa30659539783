import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv3dBackpropFilterConfig } from './conv3d-backprop-filter.js';
import { conv3dBackpropInputConfig } from './conv3d-backprop-input.js';
import {
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
} from './depthwise-backprop.js';

const CONFIGS = [
  conv2dBackpropFilterConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
];

/** Kernels tfjs-backend-wasm 4.22 has but computes wrongly: replaced by these. */
const REPLACEMENTS = [conv3dBackpropInputConfig, conv3dBackpropFilterConfig];

/**
 * Adds the gradient kernels tfjs-backend-wasm 4.22 lacks (Conv2D's and
 * DepthwiseConv2D's weight gradients, DepthwiseConv2D's input gradient), so
 * models with convolutions train on wasm. A kernel the installed
 * tfjs-backend-wasm already has is left alone. The cpu adapter calls this when
 * it loads wasm; call it yourself if you select wasm with `tf.setBackend`.
 * It also replaces Conv3D's input and weight gradients (Conv3DBackpropInputV2,
 * which `tf.conv3dTranspose` runs, and Conv3DBackpropFilterV2), whose wasm
 * versions return wrong values.
 *
 * @returns the kernel names that were added
 */
export function registerWasmGradientKernels(): string[] {
  const added: string[] = [];
  for (const config of CONFIGS) {
    if (tf.getKernel(config.kernelName, 'wasm') !== undefined) continue;
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  for (const config of REPLACEMENTS) {
    if (tf.getKernel(config.kernelName, 'wasm')?.kernelFunc === config.kernelFunc) continue;
    if (tf.getKernel(config.kernelName, 'wasm') !== undefined) {
      tf.unregisterKernel(config.kernelName, 'wasm');
    }
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  return added;
}

import * as layers from '@framewise/layers';
import { plugin, type CatalogEntry } from './entry.test-helpers.js';

/** Depthwise, separable, 3-D, transposed and locally connected convolutions. */
export const convEntries: CatalogEntry[] = [
  {
    title: 'Conv3D',
    spec: {
      plugin: plugin(layers.conv3dPlugin),
      options: { filters: 2, kernelSize: 2, padding: 'same' },
      inputShapes: [
        [2, 3, 3, 3, 2],
        [1, null, null, null, 2],
      ],
      params: 2 * 2 * 2 * 2 * 2 + 2,
      badInputs: [{ shapes: [2, 3, 3, 3, 3], onceBuilt: true }],
    },
  },
  {
    title: 'Conv3DTranspose',
    spec: {
      plugin: plugin(layers.conv3dTransposePlugin),
      options: { filters: 2, kernelSize: 2, strides: 2 },
      inputShapes: [
        [2, 2, 2, 2, 2],
        [1, null, null, null, 2],
      ],
      params: 2 * 2 * 2 * 2 * 2 + 2,
    },
  },
  {
    title: 'Conv1DTranspose',
    spec: {
      plugin: plugin(layers.conv1dTransposePlugin),
      options: { filters: 2, kernelSize: 3, strides: 2 },
      inputShapes: [
        [2, 4, 3],
        [1, null, 3],
      ],
      params: 3 * 2 * 3 + 2,
    },
  },
  {
    title: 'DepthwiseConv2D',
    spec: {
      plugin: plugin(layers.depthwiseConv2dPlugin),
      options: { kernelSize: 2, depthMultiplier: 2, padding: 'same' },
      inputShapes: [
        [2, 3, 3, 3],
        [1, null, null, 3],
      ],
      params: 2 * 2 * 3 * 2 + 3 * 2,
      badInputs: [{ shapes: [2, 3, 3, 2], onceBuilt: true }],
    },
  },
  {
    title: 'SeparableConv1D (causal)',
    spec: {
      plugin: plugin(layers.separableConv1dPlugin),
      options: { filters: 2, kernelSize: 2, padding: 'causal' },
      inputShapes: [
        [2, 5, 3],
        [1, null, 3],
      ],
      params: 2 * 3 + 3 * 2 + 2,
    },
  },
  {
    title: 'SeparableConv2D',
    spec: {
      plugin: plugin(layers.separableConv2dPlugin),
      options: { filters: 2, kernelSize: 2, padding: 'same', depthwiseRegularizer: 'l2' },
      inputShapes: [
        [2, 3, 3, 3],
        [1, null, null, 3],
      ],
      params: 2 * 2 * 3 + 3 * 2 + 2,
    },
  },
  {
    title: 'LocallyConnected1D',
    spec: {
      plugin: plugin(layers.locallyConnected1dPlugin),
      options: { filters: 2, kernelSize: 2 },
      // Unshared weights: one kernel per output step, so the steps must be known.
      inputShapes: [[2, 5, 3]],
      params: 4 * 2 * 3 * 2 + 4 * 2,
      badInputs: [{ shapes: [2, 6, 3], onceBuilt: true }],
    },
  },
  {
    title: 'LocallyConnected2D',
    spec: {
      plugin: plugin(layers.locallyConnected2dPlugin),
      options: { filters: 2, kernelSize: 2, kernelRegularizer: 'l2' },
      inputShapes: [[2, 3, 3, 2]],
      params: 4 * 2 * 2 * 2 * 2 + 2 * 2 * 2,
      badInputs: [{ shapes: [2, 4, 3, 2], onceBuilt: true }],
    },
  },
  {
    title: 'LocallyConnected1D (implementation 2)',
    spec: {
      plugin: plugin(layers.locallyConnected1dPlugin),
      options: { filters: 2, kernelSize: 2, strides: 2, implementation: 2 },
      inputShapes: [[2, 5, 3]],
      // A dense [5, 3, 2, 2] kernel (only each window's entries used) and a [2, 2] bias.
      params: 5 * 3 * 2 * 2 + 2 * 2,
      badInputs: [{ shapes: [2, 6, 3], onceBuilt: true }],
    },
  },
];

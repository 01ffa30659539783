import { activationNames, timeDistributed } from '@framewise/core';
import * as layers from '@framewise/layers';
import { sequenceMask } from '../../lib/layer-kit/kit-inputs.js';
import { made, plugin, type CatalogEntry } from '../layer-catalog/entry.test-helpers.js';

/**
 * Options the layer-kit catalog does not try but that change which gradient kernels training
 * runs: dilation, 'same' and 'valid' padding of pooling and transposed convolution, stateful
 * and reset-before recurrences, merge modes, TimeDistributed's loop and a convolution inside
 * it, BatchNormalization over images, and every
 * activation core knows (each has its own gradient). Only the training conformance uses them.
 */
export const trainingVariants: CatalogEntry[] = [
  ...activationNames
    .filter((name) => name !== 'linear' && name !== 'tanh')
    .map((name) => ({
      title: `Activation ('${name}')`,
      spec: {
        plugin: plugin(layers.activationPlugin),
        options: { activation: name },
        inputShapes: [[2, 3, 4]],
      },
    })),
  {
    title: "TimeDistributed(Dense) (strategy 'loop', chunkSize 2)",
    spec: {
      ...made(
        () => timeDistributed(layers.dense({ units: 2 }), { strategy: 'loop', chunkSize: 2 }),
        'TimeDistributed',
      ),
      inputShapes: [[2, 3, 4]],
    },
  },
  {
    title: 'TimeDistributed(Conv2D)',
    spec: {
      ...made(
        () => timeDistributed(layers.conv2d({ filters: 2, kernelSize: 2, padding: 'same' })),
        'TimeDistributed',
      ),
      inputShapes: [[2, 3, 3, 3, 2]],
    },
  },
  {
    title: 'BatchNormalization (images)',
    spec: {
      plugin: plugin(layers.batchNormalizationPlugin),
      options: { momentum: 0.5 },
      inputShapes: [[2, 3, 3, 2]],
    },
  },
  {
    title: 'Conv1D (dilated, same)',
    spec: {
      plugin: plugin(layers.conv1dPlugin),
      options: { filters: 2, kernelSize: 2, dilationRate: 2, padding: 'same' },
      inputShapes: [[2, 6, 2]],
    },
  },
  {
    title: 'Conv2D (dilated, valid)',
    spec: {
      plugin: plugin(layers.conv2dPlugin),
      options: { filters: 2, kernelSize: 2, dilationRate: 2 },
      inputShapes: [[2, 5, 5, 2]],
    },
  },
  {
    title: 'Conv2DTranspose (valid, strides 1)',
    spec: {
      plugin: plugin(layers.conv2dTransposePlugin),
      options: { filters: 2, kernelSize: 2 },
      inputShapes: [[2, 3, 3, 2]],
    },
  },
  {
    title: 'MaxPooling1D (same, strides 1)',
    spec: {
      plugin: plugin(layers.maxPooling1dPlugin),
      options: { poolSize: 2, strides: 1, padding: 'same' },
      inputShapes: [[2, 5, 2]],
    },
  },
  {
    title: 'MaxPooling2D (same)',
    spec: {
      plugin: plugin(layers.maxPooling2dPlugin),
      options: { poolSize: 2, padding: 'same' },
      inputShapes: [[2, 3, 3, 2]],
    },
  },
  {
    title: 'AveragePooling2D (same)',
    spec: {
      plugin: plugin(layers.averagePooling2dPlugin),
      options: { poolSize: 2, padding: 'same' },
      inputShapes: [[2, 3, 3, 2]],
    },
  },
  {
    title: 'GRU (resetAfter false, stateful, goBackwards)',
    spec: {
      plugin: plugin(layers.gruPlugin),
      options: { units: 2, resetAfter: false, stateful: true, goBackwards: true },
      inputShapes: [[2, 3, 3]],
    },
  },
  {
    title: 'SimpleRNN (stateful, returnSequences)',
    spec: {
      plugin: plugin(layers.simpleRNNPlugin),
      options: { units: 2, stateful: true, returnSequences: true },
      inputShapes: [[2, 3, 3]],
    },
  },
  {
    title: "Bidirectional(GRU) (mergeMode 'mul', masked)",
    spec: {
      ...made(
        () => layers.bidirectional({ layer: layers.gru({ units: 2 }), mergeMode: 'mul' }),
        'Bidirectional',
      ),
      inputShapes: [[2, 3, 3]],
      mask: sequenceMask(),
    },
  },
];

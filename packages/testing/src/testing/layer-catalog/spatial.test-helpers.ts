import * as layers from '@framewise/layers';
import { sequenceMask } from '../../lib/layer-kit/kit-inputs.js';
import { plugin, type CatalogEntry } from './entry.test-helpers.js';

/** Convolutions, pooling, padding and up-sampling. */
export const spatialEntries: CatalogEntry[] = [
  {
    title: 'Conv1D',
    spec: {
      plugin: plugin(layers.conv1dPlugin),
      options: { filters: 2, kernelSize: 2, padding: 'causal' },
      inputShapes: [
        [2, 5, 3],
        [1, null, 3],
      ],
      params: 14,
    },
  },
  {
    title: 'Conv2D',
    spec: {
      plugin: plugin(layers.conv2dPlugin),
      options: { filters: 2, kernelSize: 2, strides: 2, padding: 'same' },
      inputShapes: [
        [2, 4, 4, 3],
        [1, null, null, 3],
      ],
      params: 26,
      badInputs: [{ shapes: [2, 4, 4, 2], onceBuilt: true }],
    },
  },
  {
    title: 'Conv2DTranspose',
    spec: {
      plugin: plugin(layers.conv2dTransposePlugin),
      options: { filters: 2, kernelSize: 3, strides: 2, padding: 'same' },
      inputShapes: [
        [2, 3, 3, 2],
        [1, null, null, 2],
      ],
      params: 38,
    },
  },
  {
    title: 'MaxPooling1D',
    spec: {
      plugin: plugin(layers.maxPooling1dPlugin),
      options: { poolSize: 2 },
      inputShapes: [
        [2, 4, 3],
        [1, null, 3],
      ],
    },
  },
  {
    title: 'AveragePooling1D',
    spec: {
      plugin: plugin(layers.averagePooling1dPlugin),
      options: { poolSize: 2, padding: 'same' },
      inputShapes: [[2, 5, 3]],
    },
  },
  {
    title: 'MaxPooling2D',
    spec: {
      plugin: plugin(layers.maxPooling2dPlugin),
      options: { poolSize: 2 },
      inputShapes: [
        [2, 4, 4, 3],
        [1, null, null, 3],
      ],
    },
  },
  {
    title: 'AveragePooling2D',
    spec: {
      plugin: plugin(layers.averagePooling2dPlugin),
      options: { poolSize: 2, strides: 1 },
      inputShapes: [[2, 3, 3, 2]],
    },
  },
  {
    title: 'GlobalMaxPooling1D',
    spec: {
      plugin: plugin(layers.globalMaxPooling1dPlugin),
      options: {},
      inputShapes: [
        [2, 4, 3],
        [1, null, 3],
      ],
    },
  },
  {
    title: 'GlobalAveragePooling1D (masked)',
    spec: {
      plugin: plugin(layers.globalAveragePooling1dPlugin),
      options: {},
      inputShapes: [[2, 4, 3]],
      mask: sequenceMask(),
    },
  },
  {
    title: 'GlobalMaxPooling2D',
    spec: {
      plugin: plugin(layers.globalMaxPooling2dPlugin),
      options: {},
      inputShapes: [[2, 3, 3, 2]],
    },
  },
  {
    title: 'GlobalAveragePooling2D',
    spec: {
      plugin: plugin(layers.globalAveragePooling2dPlugin),
      options: {},
      inputShapes: [
        [2, 3, 3, 2],
        [1, null, null, 2],
      ],
    },
  },
  {
    title: 'ZeroPadding2D',
    spec: {
      plugin: plugin(layers.zeroPadding2dPlugin),
      options: {
        padding: [
          [1, 0],
          [0, 2],
        ],
      },
      inputShapes: [
        [2, 2, 3, 2],
        [1, null, null, 2],
      ],
    },
  },
  {
    title: 'UpSampling2D',
    spec: {
      plugin: plugin(layers.upSampling2dPlugin),
      options: { size: [2, 3] },
      inputShapes: [[2, 2, 2, 3]],
    },
  },
];

import * as layers from '@framewise/layers';
import { plugin, type CatalogEntry } from './entry.test-helpers.js';

/** 3-D and global 3-D pooling, cropping, 1-D/3-D padding and up-sampling, RepeatVector, Permute. */
export const shapeEntries: CatalogEntry[] = [
  {
    title: 'MaxPooling3D',
    spec: {
      plugin: plugin(layers.maxPooling3dPlugin),
      options: { poolSize: 2 },
      inputShapes: [
        [2, 2, 4, 4, 2],
        [1, null, null, null, 2],
      ],
    },
  },
  {
    title: 'AveragePooling3D',
    spec: {
      plugin: plugin(layers.averagePooling3dPlugin),
      options: { poolSize: [1, 2, 2], padding: 'same' },
      inputShapes: [[2, 2, 3, 3, 2]],
    },
  },
  {
    title: 'GlobalMaxPooling3D',
    spec: {
      plugin: plugin(layers.globalMaxPooling3dPlugin),
      options: {},
      inputShapes: [
        [2, 2, 3, 2, 2],
        [1, null, null, null, 2],
      ],
    },
  },
  {
    title: 'GlobalAveragePooling3D (keepdims)',
    spec: {
      plugin: plugin(layers.globalAveragePooling3dPlugin),
      options: { keepdims: true },
      inputShapes: [[2, 2, 3, 2, 2]],
    },
  },
  {
    title: 'GlobalMaxPooling2D (keepdims)',
    spec: {
      plugin: plugin(layers.globalMaxPooling2dPlugin),
      options: { keepdims: true },
      inputShapes: [[2, 3, 3, 2]],
    },
  },
  {
    title: 'Cropping1D',
    spec: {
      plugin: plugin(layers.cropping1dPlugin),
      options: { cropping: [0, 2] },
      inputShapes: [
        [2, 5, 3],
        [1, null, 3],
      ],
    },
  },
  {
    title: 'Cropping2D',
    spec: {
      plugin: plugin(layers.cropping2dPlugin),
      options: {
        cropping: [
          [1, 0],
          [0, 2],
        ],
      },
      inputShapes: [
        [2, 3, 4, 2],
        [1, null, null, 2],
      ],
    },
  },
  {
    title: 'Cropping3D',
    spec: {
      plugin: plugin(layers.cropping3dPlugin),
      options: { cropping: [0, 1, [1, 0]] },
      inputShapes: [[2, 2, 3, 3, 2]],
    },
  },
  {
    title: 'ZeroPadding1D',
    spec: {
      plugin: plugin(layers.zeroPadding1dPlugin),
      options: { padding: [2, 0] },
      inputShapes: [
        [2, 3, 2],
        [1, null, 2],
      ],
    },
  },
  {
    title: 'ZeroPadding3D',
    spec: {
      plugin: plugin(layers.zeroPadding3dPlugin),
      options: { padding: [1, 0, [0, 2]] },
      inputShapes: [
        [2, 2, 2, 2, 2],
        [1, null, null, null, 2],
      ],
    },
  },
  {
    title: 'UpSampling1D',
    spec: {
      plugin: plugin(layers.upSampling1dPlugin),
      options: { size: 3 },
      inputShapes: [
        [2, 3, 2],
        [1, null, 2],
      ],
    },
  },
  {
    title: 'UpSampling3D',
    spec: {
      plugin: plugin(layers.upSampling3dPlugin),
      options: { size: [2, 1, 2] },
      inputShapes: [
        [2, 2, 2, 2, 2],
        [1, null, null, null, 2],
      ],
    },
  },
  {
    title: 'RepeatVector',
    spec: {
      plugin: plugin(layers.repeatVectorPlugin),
      options: { n: 3 },
      inputShapes: [
        [2, 4],
        [1, null],
      ],
    },
  },
  {
    title: 'Permute',
    spec: {
      plugin: plugin(layers.permutePlugin),
      options: { dims: [3, 1, 2] },
      inputShapes: [
        [2, 3, 4, 2],
        [1, null, 4, null],
      ],
    },
  },
];

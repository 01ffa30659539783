import * as layers from '@framewise/layers';
import { sequenceMask } from '../../lib/layer-kit/kit-inputs.js';
import { ELEMENT_WISE } from './basic.test-helpers.js';
import { plugin, type CatalogEntry } from './entry.test-helpers.js';

/** Element-wise layers take every rank, so none is a wrong one. */
const elementWise = { 'bad-input': ELEMENT_WISE };

/** The activation layers, the noise layers and ActivityRegularization. */
export const activationEntries: CatalogEntry[] = [
  {
    title: 'ReLU',
    spec: {
      plugin: plugin(layers.reLUPlugin),
      options: { maxValue: 1, negativeSlope: 0.1, threshold: 0.2 },
      inputShapes: [
        [2, 3],
        [2, null, 3],
      ],
      skip: elementWise,
    },
  },
  {
    title: 'LeakyReLU (masked)',
    spec: {
      plugin: plugin(layers.leakyReLUPlugin),
      options: { alpha: 0.2 },
      inputShapes: [[2, 4, 3]],
      mask: sequenceMask(),
      skip: elementWise,
    },
  },
  {
    title: 'PReLU',
    spec: {
      plugin: plugin(layers.preluPlugin),
      options: { alphaInitializer: 'ones' },
      inputShapes: [[2, 3, 4]],
      params: 12,
      wrongRanks: [],
      badInputs: [
        { rank: 5, onceBuilt: true },
        { shapes: [2, 3, 5], onceBuilt: true },
      ],
    },
  },
  {
    title: 'PReLU (sharedAxes)',
    spec: {
      plugin: plugin(layers.preluPlugin),
      options: { sharedAxes: [1, 2] },
      inputShapes: [
        [2, 3, 2, 4],
        [1, null, null, 4],
      ],
      params: 4,
      wrongRanks: [],
      badInputs: [{ shapes: [2, 3, 2, 5], onceBuilt: true }],
    },
  },
  {
    title: 'ELU',
    spec: {
      plugin: plugin(layers.eluPlugin),
      options: { alpha: 0.5 },
      inputShapes: [[2, 4, 3]],
      skip: elementWise,
    },
  },
  {
    title: 'ThresholdedReLU',
    spec: {
      plugin: plugin(layers.thresholdedReLUPlugin),
      options: { theta: 0.5 },
      inputShapes: [[2, 4, 3]],
      skip: elementWise,
    },
  },
  {
    title: 'Softmax',
    spec: {
      plugin: plugin(layers.softmaxPlugin),
      options: { axis: [-1, -2] },
      inputShapes: [
        [2, 4, 3],
        [1, null, 3],
      ],
      wrongRanks: [1, 2],
    },
  },
  {
    title: 'SpatialDropout1D',
    spec: {
      plugin: plugin(layers.spatialDropout1dPlugin),
      options: { rate: 0.5 },
      inputShapes: [
        [2, 4, 3],
        [1, null, 3],
      ],
      randomInTraining: true,
    },
  },
  {
    title: 'SpatialDropout2D',
    spec: {
      plugin: plugin(layers.spatialDropout2dPlugin),
      options: { rate: 0.5 },
      inputShapes: [[2, 3, 3, 2]],
      randomInTraining: true,
    },
  },
  {
    title: 'SpatialDropout3D',
    spec: {
      plugin: plugin(layers.spatialDropout3dPlugin),
      options: { rate: 0.5 },
      inputShapes: [[2, 2, 3, 2, 2]],
      randomInTraining: true,
    },
  },
  {
    title: 'GaussianNoise',
    spec: {
      plugin: plugin(layers.gaussianNoisePlugin),
      options: { stddev: 0.5 },
      inputShapes: [[2, 4, 3]],
      randomInTraining: true,
      skip: elementWise,
    },
  },
  {
    title: 'GaussianDropout',
    spec: {
      plugin: plugin(layers.gaussianDropoutPlugin),
      options: { rate: 0.3 },
      inputShapes: [[2, 4, 3]],
      randomInTraining: true,
      skip: elementWise,
    },
  },
  {
    title: 'AlphaDropout',
    spec: {
      plugin: plugin(layers.alphaDropoutPlugin),
      options: { rate: 0.3 },
      inputShapes: [[2, 4, 3]],
      randomInTraining: true,
      skip: elementWise,
    },
  },
  {
    title: 'ActivityRegularization',
    spec: {
      plugin: plugin(layers.activityRegularizationPlugin),
      options: { l1: 0.01, l2: 0.01 },
      inputShapes: [[2, 4, 3]],
      skip: elementWise,
    },
  },
];

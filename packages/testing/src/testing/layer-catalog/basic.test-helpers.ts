import * as tf from '@tensorflow/tfjs-core';
import * as layers from '@framewise/layers';
import { integerInputs, sequenceMask } from '../../lib/layer-kit/kit-inputs.js';
import { SeededRandom } from '../../lib/seeded-random.js';
import { plugin, type CatalogEntry } from './entry.test-helpers.js';

/** N(0, 1) features with every third step all zeros: padding for Masking to find. */
function paddedSteps(shape: number[]): tf.Tensor {
  const values = new SeededRandom(3).normal(shape.reduce((a, b) => a * b, 1));
  const features = shape.at(-1)!;
  const steps = shape.at(-2)!;
  values.forEach((_, i) => {
    if (Math.floor(i / features) % steps === 1) values[i] = 0;
  });
  return tf.tensor(values, shape, 'float32');
}

/** Why the element-wise layers skip the bad-input check. */
export const ELEMENT_WISE = 'element-wise: every rank is valid input, so no rank is wrong';

/** Dense, reshaping, element-wise, embedding, masking, merge and normalization layers. */
export const basicEntries: CatalogEntry[] = [
  {
    title: 'Dense',
    spec: {
      plugin: plugin(layers.densePlugin),
      options: { units: 4, activation: 'relu' },
      inputShapes: [
        [2, 3],
        [2, null, 3],
      ],
      params: 16,
      wrongRanks: [1],
      badInputs: [{ shapes: [2, 5], onceBuilt: true }],
    },
  },
  {
    title: 'Flatten',
    spec: {
      plugin: plugin(layers.flattenPlugin),
      options: {},
      inputShapes: [[2, 3, 4]],
      skip: { 'bad-input': 'Flatten takes every rank from 1 up ([batch] becomes [batch, 1])' },
    },
  },
  {
    title: 'Reshape',
    spec: {
      plugin: plugin(layers.reshapePlugin),
      options: { targetShape: [4, 3] },
      inputShapes: [[2, 3, 4]],
      badInputs: [{ shapes: [2, 5, 4] }],
    },
  },
  {
    title: 'Activation',
    spec: {
      plugin: plugin(layers.activationPlugin),
      options: { activation: 'tanh' },
      inputShapes: [
        [2, 3],
        [2, 2, 3],
      ],
      skip: { 'bad-input': ELEMENT_WISE },
    },
  },
  {
    title: 'Dropout',
    spec: {
      plugin: plugin(layers.dropoutPlugin),
      options: { rate: 0.5 },
      inputShapes: [[2, 4, 3]],
      randomInTraining: true,
      skip: { 'bad-input': ELEMENT_WISE },
    },
  },
  {
    title: 'Embedding (maskZero, inputLength)',
    spec: {
      plugin: plugin(layers.embeddingPlugin),
      options: { inputDim: 10, outputDim: 3, maskZero: true, inputLength: 5 },
      inputShapes: [[2, 5]],
      inputValues: integerInputs(10),
      params: 30,
      wrongRanks: [1, 3],
      badInputs: [{ shapes: [2, 4] }],
    },
  },
  {
    title: 'Embedding (one index per sample)',
    spec: {
      plugin: plugin(layers.embeddingPlugin),
      options: { inputDim: 10, outputDim: 3 },
      inputShapes: [[2]],
      inputValues: integerInputs(10),
      skip: { 'bad-input': 'without inputLength, indices of every rank from 1 up are valid' },
    },
  },
  {
    title: 'Masking',
    spec: {
      plugin: plugin(layers.maskingPlugin),
      options: { maskValue: 0 },
      inputShapes: [[2, 4, 3]],
      inputValues: paddedSteps,
      wrongRanks: [1],
    },
  },
  {
    title: 'Add',
    spec: {
      plugin: plugin(layers.addPlugin),
      options: {},
      inputShapes: [
        [
          [2, 3],
          [2, 3],
        ],
        [
          [2, 4, 3],
          [2, 3],
        ],
      ],
      wrongRanks: [],
      badInputs: [
        {
          shapes: [
            [2, 3],
            [2, 4],
          ],
        },
        { shapes: [[2, 3]] },
      ],
    },
  },
  {
    title: 'Concatenate (masked)',
    spec: {
      plugin: plugin(layers.concatenatePlugin),
      options: { axis: -1 },
      inputShapes: [
        [
          [2, 3, 2],
          [2, 3, 1],
        ],
      ],
      mask: sequenceMask(),
    },
  },
  {
    title: 'Multiply',
    spec: {
      plugin: plugin(layers.multiplyPlugin),
      options: {},
      inputShapes: [
        [
          [2, 3],
          [2, 3],
          [2, 3],
        ],
      ],
      wrongRanks: [],
      badInputs: [
        {
          shapes: [
            [2, 3],
            [2, 4],
            [2, 3],
          ],
        },
      ],
    },
  },
  {
    title: 'BatchNormalization',
    spec: {
      plugin: plugin(layers.batchNormalizationPlugin),
      options: { momentum: 0.9 },
      inputShapes: [
        [2, 3],
        [2, 4, 3],
      ],
      params: 12,
      wrongRanks: [1],
      badInputs: [
        { rank: 4, onceBuilt: true },
        { shapes: [2, 5], onceBuilt: true },
      ],
    },
  },
  {
    title: 'LayerNormalization',
    spec: {
      plugin: plugin(layers.layerNormalizationPlugin),
      options: {},
      inputShapes: [[2, 4, 3]],
      params: 6,
      wrongRanks: [1],
      badInputs: [{ rank: 5, onceBuilt: true }],
    },
  },
];

import * as layers from '@framewise/layers';
import { sequenceMask } from '../../lib/layer-kit/kit-inputs.js';
import { plugin, type CatalogEntry } from './entry.test-helpers.js';

/** Attention, AdditiveAttention and MultiHeadAttention: several inputs, masks, attention scores. */
export const attentionEntries: CatalogEntry[] = [
  {
    title: 'Attention',
    spec: {
      plugin: plugin(layers.attentionPlugin),
      options: { useScale: true },
      inputShapes: [
        [
          [2, 3, 4],
          [2, 5, 4],
        ],
        [
          [2, null, 4],
          [2, null, 4],
        ],
        [
          [2, 3, 4],
          [2, 5, 6],
          [2, 5, 4],
        ],
      ],
      params: 1,
      badInputs: [
        {
          shapes: [
            [2, 3, 4],
            [2, 5, 3],
          ],
        },
      ],
    },
  },
  {
    title: 'Attention (concat scores, causal, masked, dropout, scores returned)',
    spec: {
      plugin: plugin(layers.attentionPlugin),
      options: { scoreMode: 'concat', causal: true, dropout: 0.2, returnAttentionScores: true },
      inputShapes: [
        [
          [2, 4, 3],
          [2, 4, 3],
        ],
      ],
      mask: sequenceMask(),
      randomInTraining: true,
      params: 1,
    },
  },
  {
    title: 'AdditiveAttention',
    spec: {
      plugin: plugin(layers.additiveAttentionPlugin),
      options: {},
      inputShapes: [
        [
          [2, 3, 4],
          [2, 5, 4],
        ],
        [
          [2, 3, 4],
          [2, 5, 4],
          [2, 5, 4],
        ],
      ],
      params: 4,
      badInputs: [
        {
          shapes: [
            [2, 3, 4],
            [2, 5, 4],
            [2, 6, 4],
          ],
        },
      ],
    },
  },
  {
    title: 'MultiHeadAttention',
    zeroGradients: {
      // Adding b_k to every key adds q·b_k to all of a query's scores, which the softmax
      // cancels: Keras' layer has the same useless bias.
      'key/bias': 'the softmax over the key steps ignores a shift shared by all of them',
    },
    spec: {
      plugin: plugin(layers.multiHeadAttentionPlugin),
      options: { numHeads: 2, keyDim: 3 },
      inputShapes: [
        [
          [2, 3, 4],
          [2, 5, 4],
        ],
        [
          [2, 3, 4],
          [2, 5, 6],
          [2, 5, 2],
        ],
      ],
      // query, key and value 4·6 + 6 each; output 6·4 + 4.
      params: 3 * 30 + 28,
      badInputs: [
        {
          shapes: [
            [2, 3, 4],
            [2, 5, 4],
            [2, 6, 4],
          ],
        },
      ],
    },
  },
  {
    title: 'MultiHeadAttention (causal, masked, dropout, scores returned, 2-D attention)',
    spec: {
      plugin: plugin(layers.multiHeadAttentionPlugin),
      options: {
        numHeads: 2,
        keyDim: 2,
        valueDim: 3,
        outputShape: [2, 2],
        useCausalMask: true,
        dropout: 0.2,
        returnAttentionScores: true,
      },
      inputShapes: [
        [
          [2, 4, 3],
          [2, 4, 3],
        ],
      ],
      mask: sequenceMask(),
      randomInTraining: true,
    },
  },
];

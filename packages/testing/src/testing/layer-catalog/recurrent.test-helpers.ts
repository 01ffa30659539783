import { timeDistributed } from '@framewise/core';
import * as layers from '@framewise/layers';
import { sequenceMask } from '../../lib/layer-kit/kit-inputs.js';
import { made, plugin, type CatalogEntry } from './entry.test-helpers.js';

/** Recurrent layers and the wrappers: Bidirectional, and core's TimeDistributed. */
export const recurrentEntries: CatalogEntry[] = [
  {
    title: 'SimpleRNN (masked, returnSequences)',
    spec: {
      plugin: plugin(layers.simpleRNNPlugin),
      options: { units: 2, returnSequences: true },
      inputShapes: [
        [2, 3, 3],
        [1, null, 3],
      ],
      mask: sequenceMask(),
      params: 12,
    },
  },
  {
    title: 'LSTM (masked, returnState)',
    spec: {
      plugin: plugin(layers.lstmPlugin),
      options: { units: 2, returnState: true },
      inputShapes: [
        [2, 3, 3],
        [1, null, 3],
      ],
      mask: sequenceMask(),
      params: 48,
    },
  },
  {
    title: 'LSTM (stateful)',
    spec: {
      plugin: plugin(layers.lstmPlugin),
      options: { units: 2, stateful: true, batchInputShape: [2, 3, 3] },
      inputShapes: [[2, 3, 3]],
    },
  },
  {
    title: 'GRU (masked)',
    spec: {
      plugin: plugin(layers.gruPlugin),
      options: { units: 2 },
      inputShapes: [[2, 3, 3]],
      mask: sequenceMask(),
      params: 36,
    },
  },
  {
    title: 'Bidirectional(LSTM) (masked)',
    spec: {
      ...made(
        () => layers.bidirectional({ layer: layers.lstm({ units: 2, returnSequences: true }) }),
        'Bidirectional',
      ),
      inputShapes: [
        [2, 3, 3],
        [1, null, 3],
      ],
      mask: sequenceMask(),
      params: 96,
    },
  },
  {
    title: 'Bidirectional(LSTM(2), backwardLayer: GRU(3))',
    spec: {
      ...made(
        () =>
          layers.bidirectional({
            layer: layers.lstm({ units: 2, returnSequences: true }),
            backwardLayer: layers.gru({ units: 3, returnSequences: true, goBackwards: true }),
          }),
        'Bidirectional',
      ),
      inputShapes: [[2, 3, 3]],
    },
  },
  {
    title: 'TimeDistributed(Dense) (masked)',
    spec: {
      ...made(() => timeDistributed(layers.dense({ units: 2 })), 'TimeDistributed'),
      inputShapes: [
        [2, 3, 4],
        [2, null, 4],
      ],
      mask: sequenceMask(),
      params: 10,
      wrongRanks: [1, 2],
    },
  },
];

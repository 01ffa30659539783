import * as layers from '@framewise/layers';
import { sequenceMask } from '../../lib/layer-kit/kit-inputs.js';
import { made, plugin, type CatalogEntry } from './entry.test-helpers.js';

/** Convolutional LSTMs, alone and inside Bidirectional. */
export const convLstmEntries: CatalogEntry[] = [
  {
    title: 'ConvLSTM1D (masked, returnSequences)',
    spec: {
      plugin: plugin(layers.convLstm1dPlugin),
      options: { filters: 2, kernelSize: 2, returnSequences: true },
      inputShapes: [
        [2, 3, 4, 3],
        [1, null, 4, 3],
      ],
      mask: sequenceMask(),
      // kernel 2·3·8 + recurrent kernel 2·2·8 + bias 8
      params: 88,
    },
  },
  {
    title: 'ConvLSTM2D (masked, returnState, same padding)',
    spec: {
      plugin: plugin(layers.convLstm2dPlugin),
      options: { filters: 2, kernelSize: 3, padding: 'same', returnState: true },
      inputShapes: [
        [2, 3, 4, 4, 1],
        [1, null, 4, 4, 1],
      ],
      mask: sequenceMask(),
      // kernel 3·3·1·8 + recurrent kernel 3·3·2·8 + bias 8
      params: 224,
    },
  },
  {
    title: 'ConvLSTM2D (stateful)',
    spec: {
      plugin: plugin(layers.convLstm2dPlugin),
      options: { filters: 2, kernelSize: 2, stateful: true, batchInputShape: [2, 3, 3, 3, 1] },
      inputShapes: [[2, 3, 3, 3, 1]],
    },
  },
  {
    title: 'Bidirectional(ConvLSTM2D) (masked)',
    spec: {
      ...made(
        () =>
          layers.bidirectional({
            layer: layers.convLstm2d({ filters: 2, kernelSize: 2, returnSequences: true }),
          }),
        'Bidirectional',
      ),
      inputShapes: [[2, 3, 3, 3, 1]],
      mask: sequenceMask(),
      params: 2 * (2 * 2 * 1 * 8 + 2 * 2 * 2 * 8 + 8),
    },
  },
];

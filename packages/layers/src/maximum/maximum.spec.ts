import * as tfl from '@tensorflow/tfjs-layers';
import { describeElementWiseMerge } from '../testing/merge-layers.test-helpers.js';
import { maximum, maximumPlugin } from './maximum.js';

describeElementWiseMerge('Maximum', {
  make: (options) => maximum(options ?? {}),
  plugin: maximumPlugin,
  reference: () => tfl.layers.maximum({}),
  shapes: [
    [
      [2, 3, 4],
      [2, 3, 4],
      [2, 3, 4],
    ],
    [
      [2, 3, 4],
      [2, 1, 4],
    ],
    [
      [2, 3, 4],
      [2, 4],
    ],
  ],
});

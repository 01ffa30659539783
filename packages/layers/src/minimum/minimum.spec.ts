import * as tfl from '@tensorflow/tfjs-layers';
import { describeElementWiseMerge } from '../testing/merge-layers.test-helpers.js';
import { minimum, minimumPlugin } from './minimum.js';

describeElementWiseMerge('Minimum', {
  make: (options) => minimum(options ?? {}),
  plugin: minimumPlugin,
  reference: () => tfl.layers.minimum({}),
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

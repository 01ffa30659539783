import * as tfl from '@tensorflow/tfjs-layers';
import { describeElementWiseMerge } from '../testing/merge-layers.test-helpers.js';
import { average, averagePlugin } from './average.js';

describeElementWiseMerge('Average', {
  make: (options) => average(options ?? {}),
  plugin: averagePlugin,
  reference: () => tfl.layers.average({}),
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

import type { KitShape } from '@framewise/testing';
import { describeLayerPlugin } from '@framewise/testing/jest';
import { roiAlignPlugin } from './index.js';
import { roiInputs } from './roi-align.test-helpers.js';

/** The input shapes of one call: `[boxes, featureMap]`, batch first, `null` left open. */
const call = (boxes: KitShape, featureMap: KitShape): KitShape[] => [boxes, featureMap];

// Every check of the kit. In the time-distributed check both inputs get a time axis, as
// in a video where every frame has its feature map and its boxes:
// boxes [batch, frames, numRois, 4], maps [batch, frames, height, width, channels].
describeLayerPlugin({
  plugin: roiAlignPlugin,
  options: { poolSize: [3, 2] },
  inputShapes: [
    call([2, 5, 4], [2, 6, 7, 3]),
    call([1, null, 4], [1, 6, 7, 3]),
    call([2, 5, 4], [2, null, null, 2]),
  ],
  inputValues: roiInputs(),
  params: 0,
  // Besides the default wrong ranks of the boxes (5 and 1):
  badInputs: [
    { shapes: call([2, 5, 3], [2, 6, 7, 3]) },
    { shapes: call([2, 5, 4], [2, 6, 7]) },
    { shapes: call([2, 5, 4], [2, 2, 6, 7, 3]) },
    { shapes: [2, 5, 4] },
  ],
});

// Several sets of boxes on one image (proposals refined over steps): the feature map is
// broadcast, passed whole to every step, and only the boxes get a time axis,
// [batch, steps, numRois, 4]. With nearest sampling and another extrapolation value.
describeLayerPlugin(
  {
    plugin: roiAlignPlugin,
    options: { poolSize: 2, method: 'nearest', extrapolationValue: -1 },
    inputShapes: [call([2, 4, 4], [2, 5, 5, 3])],
    inputValues: roiInputs(2),
    broadcastInputs: [1],
    timeSteps: 4,
    params: 0,
  },
  { title: 'layer plugin RoiAlign (nearest), feature map broadcast over the steps' },
);

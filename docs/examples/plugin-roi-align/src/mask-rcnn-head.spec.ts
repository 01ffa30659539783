import * as tf from '@tensorflow/tfjs-core';
import {
  input,
  model,
  modelFromJSON,
  resetNames,
  timeDistributed,
  type Model,
  type Shape,
} from '@framewise/core';
import { conv2d, dense, flatten } from '@framewise/layers';
import { roiAlign } from './index.js';
import { maxAbsDiff, roiInputs } from './roi-align.test-helpers.js';

const CHANNELS = 8;
const FILTERS = 16;
const CLASSES = 5;

/**
 * Mask R-CNN's classifier head on one pyramid level, scaled down: RoiAlign crops 7×7 from
 * the feature map for every ROI, and one head, with one set of weights, classifies every
 * crop: timeDistributed over the ROI axis (matterport's fpn_classifier_graph).
 */
function roiHead(numRois: number | null): Model {
  const rois = input({ shape: [numRois, 4], name: 'rois' });
  const p2 = input({ shape: [16, 16, CHANNELS], name: 'p2' });
  const crops = roiAlign({ poolSize: 7, name: 'roi_align_p2' }).apply([rois, p2]);
  const conv = timeDistributed(
    conv2d({ filters: FILTERS, kernelSize: 7, padding: 'valid', activation: 'relu' }),
    { name: 'mrcnn_class_conv1' },
  ).apply(crops);
  const squeezed = timeDistributed(flatten(), { name: 'pool_squeeze' }).apply(conv);
  const logits = timeDistributed(dense({ units: CLASSES }), { name: 'mrcnn_class_logits' }).apply(
    squeezed,
  );
  return model({ inputs: [rois, p2], outputs: logits, name: 'roi_head' });
}

const PARAMS = {
  roi_align_p2: 0,
  mrcnn_class_conv1: 7 * 7 * CHANNELS * FILTERS + FILTERS, // 6288
  pool_squeeze: 0,
  mrcnn_class_logits: FILTERS * CLASSES + CLASSES, // 85
};

const paramsByLayer = (m: Model): Record<string, number> =>
  Object.fromEntries(m.layers.slice(2).map((l) => [l.name, l.countParams()]));

/** The output shape of a layer's (first) call in the model. */
const outputShape = (m: Model, name: string): Shape =>
  m.getLayer(name).inboundNodes[0]!.outputTensors[0]!.shape;

beforeEach(() => resetNames());

describe('RoiAlign feeding a Mask R-CNN head over the ROI axis', () => {
  it('builds with the number of ROIs left open', () => {
    const m = roiHead(null);
    expect(outputShape(m, 'roi_align_p2')).toEqual([null, null, 7, 7, CHANNELS]);
    expect(outputShape(m, 'mrcnn_class_conv1')).toEqual([null, null, 1, 1, FILTERS]);
    expect(outputShape(m, 'pool_squeeze')).toEqual([null, null, FILTERS]);
    expect(m.outputs[0]!.shape).toEqual([null, null, CLASSES]);
    expect(paramsByLayer(m)).toEqual(PARAMS);
    expect(m.countParams()).toBe(6288 + 85);
  });

  it('has the same parameters whatever the number of ROIs: one head shared by every ROI', () => {
    for (const numRois of [1, 3, 8, 200]) {
      const m = roiHead(numRois);
      expect(paramsByLayer(m)).toEqual(PARAMS);
      expect(m.countParams()).toBe(6373);
    }
  });

  it('runs on 3 and on 8 ROIs; each ROI is classified on its own, with the same weights', () => {
    const m = roiHead(null);
    const values = roiInputs(5);
    const eight = values([2, 8, 4], 0);
    const features = values([2, 16, 16, CHANNELS], 1);
    const first3 = tf.slice(eight, [0, 0], [-1, 3]);
    const before = tf.memory().numTensors;
    const y8 = m.predict([eight, features]) as tf.Tensor;
    const y3 = m.predict([first3, features]) as tf.Tensor;
    expect(y8.shape).toEqual([2, 8, CLASSES]);
    expect(y3.shape).toEqual([2, 3, CLASSES]);
    const diff = tf.tidy(() => maxAbsDiff(tf.slice(y8, [0, 0], [-1, 3]), y3));
    expect(diff).toBeLessThanOrEqual(1e-5);
    tf.dispose([y8, y3]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('counts MACs: the bilinear crops, then the head once per ROI', () => {
    const crops = 8 * 7 * 7 * CHANNELS * 3;
    const head = 8 * (7 * 7 * CHANNELS * FILTERS + FILTERS * CLASSES);
    expect(roiHead(8).macs()).toBe(crops + head);
  });

  it("passes a mask of padded ROIs through to the head's output", () => {
    const m = roiHead(null);
    const rois = tf.zeros([1, 4, 4]);
    const features = tf.zeros([1, 16, 16, CHANNELS]);
    const padded = tf.tensor2d([[1, 1, 1, 0]], [1, 4], 'bool');
    const out = m.computeMask([rois, features], [padded, null]) as tf.Tensor;
    expect(Array.from(out.dataSync())).toEqual([1, 1, 1, 0]);
    tf.dispose([rois, features, padded, out]);
  });

  it('saves to Keras JSON and loads back with RoiAlign registered', () => {
    const m = roiHead(null);
    const json = JSON.stringify(m);
    expect(json).toContain('"class_name":"RoiAlign"');
    const loaded = modelFromJSON(json);
    expect(loaded.getLayer('roi_align_p2').getConfig()).toEqual(
      m.getLayer('roi_align_p2').getConfig(),
    );
    expect(loaded.countParams()).toBe(6373);
  });
});

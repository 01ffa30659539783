import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { resetNames, TimeDistributed, type Model } from '@framewise/core';
import { printSummary, summarize } from '@framewise/summary';
import {
  maskRcnnClassifierHead,
  maskRcnnClassifierHeadWrapped,
  type MaskRcnnHeadOptions,
} from './model.js';

type HeadSize = Required<Omit<MaskRcnnHeadOptions, 'trainBatchNorm'>>;
const FULL: HeadSize = { numRois: 50, poolSize: 7, channels: 256, fcSize: 1024, classes: 81 };
// The same architecture, narrower, for the checks that run it many times on the pure-JS cpu backend.
const NARROW: HeadSize = { numRois: 50, poolSize: 7, channels: 16, fcSize: 32, classes: 6 };

/**
 * The same head in tfjs-layers, with the same layer names (TimeDistributed
 * wraps one single-output layer at a time, so tfjs-layers can express it).
 * `kernelInitializer: 'zeros'` skips tfjs-layers' slow random fill where the
 * weights are about to be replaced or only counted.
 */
function referenceHead(size: HeadSize): tfl.LayersModel {
  const { numRois, poolSize, channels, fcSize, classes } = size;
  const kernelInitializer = 'zeros';
  const td = (layer: tfl.layers.Layer, name: string) => tfl.layers.timeDistributed({ layer, name });
  const crops = tfl.input({ shape: [numRois, poolSize, poolSize, channels], name: 'roi_crops' });
  const shared = [
    td(
      tfl.layers.conv2d({
        filters: fcSize,
        kernelSize: poolSize,
        padding: 'valid',
        kernelInitializer,
      }),
      'mrcnn_class_conv1',
    ),
    td(tfl.layers.batchNormalization(), 'mrcnn_class_bn1'),
    tfl.layers.activation({ activation: 'relu', name: 'activation_1' }),
    td(
      tfl.layers.conv2d({ filters: fcSize, kernelSize: 1, kernelInitializer }),
      'mrcnn_class_conv2',
    ),
    td(tfl.layers.batchNormalization(), 'mrcnn_class_bn2'),
    tfl.layers.activation({ activation: 'relu', name: 'activation_2' }),
    tfl.layers.reshape({ targetShape: [numRois, fcSize], name: 'pool_squeeze' }),
  ].reduce((x, layer) => layer.apply(x) as tfl.SymbolicTensor, crops);
  const logits = td(
    tfl.layers.dense({ units: classes, kernelInitializer }),
    'mrcnn_class_logits',
  ).apply(shared) as tfl.SymbolicTensor;
  const probabilities = td(tfl.layers.activation({ activation: 'softmax' }), 'mrcnn_class').apply(
    logits,
  ) as tfl.SymbolicTensor;
  const deltas = td(
    tfl.layers.dense({ units: classes * 4, kernelInitializer }),
    'mrcnn_bbox_fc',
  ).apply(shared) as tfl.SymbolicTensor;
  const boxes = tfl.layers
    .reshape({ targetShape: [numRois, classes, 4], name: 'mrcnn_bbox' })
    .apply(deltas) as tfl.SymbolicTensor;
  return tfl.model({ inputs: crops, outputs: [logits, probabilities, boxes] });
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

/** Gives the BatchNormalization layers random statistics, so they do more than pass values through. */
function randomizeBatchNorm(m: Model, seed: number): void {
  for (const name of ['mrcnn_class_bn1', 'mrcnn_class_bn2']) {
    const layer = m.getLayer(name);
    const [gamma, beta, mean, variance] = layer.getWeights().map((w) => w.shape);
    tf.tidy(() =>
      layer.setWeights([
        tf.randomUniform(gamma!, 0.5, 1.5, 'float32', seed),
        tf.randomNormal(beta!, 0, 0.1, 'float32', seed + 1),
        tf.randomNormal(mean!, 0, 0.1, 'float32', seed + 2),
        tf.randomUniform(variance!, 0.5, 1.5, 'float32', seed + 3),
      ]),
    );
  }
}

/** tfjs-layers' head holding the Framewise head's weights, layer by layer (matched by name). */
function referenceWithWeights(m: Model, size: HeadSize): tfl.LayersModel {
  const ref = referenceHead(size);
  for (const layer of m.layers) ref.getLayer(layer.name).setWeights(layer.getWeights());
  return ref;
}

const countOf = (weights: { shape: number[] }[]): number =>
  weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);

beforeEach(() => resetNames());

describe('Mask R-CNN classifier head: one head shared by the 50 ROIs', () => {
  it('has 14,318,997 parameters, as tfjs-layers and the hand count say, whatever the number of ROIs', () => {
    // Hand count (weights are shared by every ROI, so the ROI count never appears):
    // mrcnn_class_conv1   7·7·256·1024 + 1024  = 12,846,080  (7×7 kernels, one per filter)
    // mrcnn_class_bn1     4·1024               =      4,096  (gamma, beta; moving mean, variance)
    // mrcnn_class_conv2   1·1·1024·1024 + 1024 =  1,049,600
    // mrcnn_class_bn2     4·1024               =      4,096
    // mrcnn_class_logits  1024·81 + 81         =     83,025
    // mrcnn_bbox_fc       1024·324 + 324       =    332,100  (4 deltas per class)
    // total                                      14,318,997; non-trainable 2·2·1024 = 4,096
    const perLayer: Record<string, number> = {
      roi_crops: 0,
      mrcnn_class_conv1: 12_846_080,
      mrcnn_class_bn1: 4_096,
      activation_1: 0,
      mrcnn_class_conv2: 1_049_600,
      mrcnn_class_bn2: 4_096,
      activation_2: 0,
      pool_squeeze: 0,
      mrcnn_class_logits: 83_025,
      mrcnn_bbox_fc: 332_100,
      mrcnn_class: 0,
      mrcnn_bbox: 0,
    };
    const m = maskRcnnClassifierHead();
    expect(Object.fromEntries(m.layers.map((l) => [l.name, l.countParams()]))).toEqual(perLayer);
    expect(m.countParams()).toBe(14_318_997);
    expect(countOf(m.trainableWeights.map((w) => w.value))).toBe(14_314_901);
    expect(countOf(m.nonTrainableWeights.map((w) => w.value))).toBe(4_096);

    const ref = referenceHead(FULL);
    expect(Object.fromEntries(ref.layers.map((l) => [l.name, l.countParams()]))).toEqual(perLayer);
    expect(ref.countParams()).toBe(14_318_997);
    expect(countOf(ref.trainableWeights.map((w) => w.read()))).toBe(14_314_901);
    expect(countOf(ref.nonTrainableWeights.map((w) => w.read()))).toBe(4_096);

    // The ROI axis is the distributed one: 1000 ROIs share the same weights.
    expect(maskRcnnClassifierHead({ numRois: 1000 }).countParams()).toBe(14_318_997);
  });

  it('prints the classic (Keras 2.2) summary: every row and the totals', () => {
    const m = maskRcnnClassifierHead();
    const rows = summarize(m).rows;
    expect(rows.map((r) => [r.name, r.className, r.innerClassName ?? null, r.outputShape])).toEqual(
      [
        ['roi_crops', 'InputLayer', null, [null, 50, 7, 7, 256]],
        ['mrcnn_class_conv1', 'TimeDistributed', 'Conv2D', [null, 50, 1, 1, 1024]],
        ['mrcnn_class_bn1', 'TimeDistributed', 'BatchNormalization', [null, 50, 1, 1, 1024]],
        ['activation_1', 'Activation', null, [null, 50, 1, 1, 1024]],
        ['mrcnn_class_conv2', 'TimeDistributed', 'Conv2D', [null, 50, 1, 1, 1024]],
        ['mrcnn_class_bn2', 'TimeDistributed', 'BatchNormalization', [null, 50, 1, 1, 1024]],
        ['activation_2', 'Activation', null, [null, 50, 1, 1, 1024]],
        ['pool_squeeze', 'Reshape', null, [null, 50, 1024]],
        ['mrcnn_class_logits', 'TimeDistributed', 'Dense', [null, 50, 81]],
        ['mrcnn_bbox_fc', 'TimeDistributed', 'Dense', [null, 50, 324]],
        ['mrcnn_class', 'TimeDistributed', 'Activation', [null, 50, 81]],
        ['mrcnn_bbox', 'Reshape', null, [null, 50, 81, 4]],
      ],
    );
    // Two outputs branch from pool_squeeze, so Keras prints the 98-column table with `Connected to`.
    const lines: string[] = [];
    printSummary(m, { printFn: (line) => lines.push(line) });
    expect(lines.map((line) => line.trimEnd()).join('\n')).toBe(SUMMARY);
    // Table lines are padded to the full width, as Keras pads them; the totals are not.
    expect(lines.filter((line) => line.length !== 98)).toEqual([
      'Total params: 14,318,997',
      'Trainable params: 14,314,901',
      'Non-trainable params: 4,096',
    ]);
    // tfjs-layers lists the layers in the same (Keras 2) order.
    expect(referenceHead(FULL).layers.map((l) => l.name)).toEqual(m.layers.map((l) => l.name));
  });

  it("runs the full-size head on one image's 50 ROIs (b = 1); tfjs-layers gives the same numbers", () => {
    const m = maskRcnnClassifierHead();
    randomizeBatchNorm(m, 10);
    // tfjs-layers' TimeDistributed runs its layer once per ROI (the slow part on the cpu backend),
    // so its copy of the head takes 10 ROIs: the weights are the same whatever the ROI count.
    const ref = referenceWithWeights(m, { ...FULL, numRois: 10 });
    const crops = tf.randomNormal([1, 50, 7, 7, 256], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    const outputs = m.predict(crops) as tf.Tensor[];
    expect(tf.memory().numTensors).toBe(before + 3);
    expect(outputs.map((y) => y.shape)).toEqual([
      [1, 50, 81],
      [1, 50, 81],
      [1, 50, 81, 4],
    ]);
    tf.tidy(() => {
      const [logits, probabilities, boxes] = outputs as [tf.Tensor, tf.Tensor, tf.Tensor];
      expect(maxAbsDiff(probabilities, tf.softmax(logits))).toBeLessThanOrEqual(1e-6);
      // Not a degenerate run: logits and deltas vary from ROI to ROI.
      expect(tf.moments(logits).variance.dataSync()[0]).toBeGreaterThan(1e-2);
      expect(tf.moments(boxes).variance.dataSync()[0]).toBeGreaterThan(1e-2);
      const expected = ref.predict(tf.slice(crops, [0, 0], [1, 10])) as tf.Tensor[];
      outputs.forEach((y, i) => {
        expect(maxAbsDiff(tf.slice(y, [0, 0], [1, 10]), expected[i]!)).toBeLessThanOrEqual(1e-5);
      });
    });
    tf.dispose([crops, ...outputs]);
  });

  it("gives each ROI the same head: an ROI's outputs do not depend on its place or its neighbours", () => {
    const m = maskRcnnClassifierHead(NARROW);
    randomizeBatchNorm(m, 20);
    const ref = referenceWithWeights(m, NARROW);
    tf.tidy(() => {
      const crops = tf.randomNormal([2, 50, 7, 7, 16], 0, 1, 'float32', 4);
      const [logits, , boxes] = m.predict(crops) as tf.Tensor[];
      const refOutputs = ref.predict(crops) as tf.Tensor[];
      expect(maxAbsDiff(logits!, refOutputs[0]!)).toBeLessThanOrEqual(1e-5);
      expect(maxAbsDiff(boxes!, refOutputs[2]!)).toBeLessThanOrEqual(1e-5);
      // Reverse the ROIs of every image: the outputs come back reversed, unchanged.
      const [revLogits, , revBoxes] = m.predict(tf.reverse(crops, 1)) as tf.Tensor[];
      expect(maxAbsDiff(tf.reverse(revLogits!, 1), logits!)).toBeLessThanOrEqual(1e-6);
      expect(maxAbsDiff(tf.reverse(revBoxes!, 1), boxes!)).toBeLessThanOrEqual(1e-6);
      // One crop copied into all 50 places gives 50 equal rows.
      const one = tf.slice(crops, [0, 7], [1, 1]);
      const [tiled] = m.predict(tf.tile(one, [1, 50, 1, 1, 1])) as tf.Tensor[];
      const row = tf.slice(logits!, [0, 7], [1, 1]);
      expect(maxAbsDiff(tiled!, tf.tile(row, [1, 50, 1]))).toBeLessThanOrEqual(1e-6);
    });
  });

  it("keeps BatchNormalization on its moving statistics while training (matterport's TRAIN_BN = False)", () => {
    const frozen = maskRcnnClassifierHead(NARROW);
    const trained = maskRcnnClassifierHead({ ...NARROW, trainBatchNorm: true });
    randomizeBatchNorm(frozen, 40);
    trained.layers.forEach((l, i) => l.setWeights(frozen.layers[i]!.getWeights()));
    tf.tidy(() => {
      const crops = tf.randomNormal([2, 50, 7, 7, 16], 0, 1, 'float32', 8);
      const inference = (frozen.predict(crops) as tf.Tensor[])[0]!;
      // `apply` is typed for one output; a model with three gives three.
      const training = (x: Model) =>
        (x.apply(crops, { training: true }) as unknown as tf.Tensor[])[0]!;
      expect(maxAbsDiff(training(frozen), inference)).toBeLessThanOrEqual(1e-6);
      // With TRAIN_BN the batch statistics (over all 2·50 ROIs) replace the moving ones.
      expect(maxAbsDiff(training(trained), inference)).toBeGreaterThan(1e-2);
    });
  });

  it('can wrap the whole per-ROI head (a two-output model) in one TimeDistributed, with the same results', () => {
    // tfjs-layers' TimeDistributed takes one-output layers, so this form is compared with the
    // layer-by-layer head above (itself compared with tfjs-layers), weights copied by name.
    const full = maskRcnnClassifierHeadWrapped();
    expect(full.countParams()).toBe(14_318_997);
    const lines: string[] = [];
    printSummary(full, { printFn: (line) => lines.push(line) });
    expect(lines.map((line) => line.trimEnd())).toEqual([
      '_'.repeat(98),
      'Layer (type)                    Output Shape         Param #     Connected to',
      '='.repeat(98),
      'roi_crops (InputLayer)          (None, 50, 7, 7, 256 0',
      '_'.repeat(98),
      'mrcnn_classifier (TimeDistribut [(None, 50, 81), (No 14318997    roi_crops[0][0]',
      '_'.repeat(98),
      'mrcnn_class (Activation)        (None, 50, 81)       0           mrcnn_classifier[0][0]',
      '_'.repeat(98),
      'mrcnn_bbox (Reshape)            (None, 50, 81, 4)    0           mrcnn_classifier[0][1]',
      '='.repeat(98),
      'Total params: 14,318,997',
      'Trainable params: 14,314,901',
      'Non-trainable params: 4,096',
      '_'.repeat(98),
    ]);

    const layered = maskRcnnClassifierHead(NARROW);
    randomizeBatchNorm(layered, 30);
    const wrapped = maskRcnnClassifierHeadWrapped(NARROW);
    const wrapper = wrapped.getLayer('mrcnn_classifier');
    expect(wrapper).toBeInstanceOf(TimeDistributed);
    const inner = (wrapper as TimeDistributed).layer as Model;
    for (const layer of inner.layers.filter((l) => l.weights.length > 0)) {
      layer.setWeights(layered.getLayer(layer.name).getWeights());
    }
    expect(wrapped.countParams()).toBe(layered.countParams());
    tf.tidy(() => {
      const crops = tf.randomNormal([2, 50, 7, 7, 16], 0, 1, 'float32', 7);
      const expected = layered.predict(crops) as tf.Tensor[];
      (wrapped.predict(crops) as tf.Tensor[]).forEach((y, i) => {
        expect(maxAbsDiff(y, expected[i]!)).toBeLessThanOrEqual(1e-6);
      });
    });
  });
});

const SUMMARY = `__________________________________________________________________________________________________
Layer (type)                    Output Shape         Param #     Connected to
==================================================================================================
roi_crops (InputLayer)          (None, 50, 7, 7, 256 0
__________________________________________________________________________________________________
mrcnn_class_conv1 (TimeDistribu (None, 50, 1, 1, 102 12846080    roi_crops[0][0]
__________________________________________________________________________________________________
mrcnn_class_bn1 (TimeDistribute (None, 50, 1, 1, 102 4096        mrcnn_class_conv1[0][0]
__________________________________________________________________________________________________
activation_1 (Activation)       (None, 50, 1, 1, 102 0           mrcnn_class_bn1[0][0]
__________________________________________________________________________________________________
mrcnn_class_conv2 (TimeDistribu (None, 50, 1, 1, 102 1049600     activation_1[0][0]
__________________________________________________________________________________________________
mrcnn_class_bn2 (TimeDistribute (None, 50, 1, 1, 102 4096        mrcnn_class_conv2[0][0]
__________________________________________________________________________________________________
activation_2 (Activation)       (None, 50, 1, 1, 102 0           mrcnn_class_bn2[0][0]
__________________________________________________________________________________________________
pool_squeeze (Reshape)          (None, 50, 1024)     0           activation_2[0][0]
__________________________________________________________________________________________________
mrcnn_class_logits (TimeDistrib (None, 50, 81)       83025       pool_squeeze[0][0]
__________________________________________________________________________________________________
mrcnn_bbox_fc (TimeDistributed) (None, 50, 324)      332100      pool_squeeze[0][0]
__________________________________________________________________________________________________
mrcnn_class (TimeDistributed)   (None, 50, 81)       0           mrcnn_class_logits[0][0]
__________________________________________________________________________________________________
mrcnn_bbox (Reshape)            (None, 50, 81, 4)    0           mrcnn_bbox_fc[0][0]
==================================================================================================
Total params: 14,318,997
Trainable params: 14,314,901
Non-trainable params: 4,096
__________________________________________________________________________________________________`;

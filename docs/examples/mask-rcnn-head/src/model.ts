import {
  input,
  model,
  timeDistributed,
  type CallOptions,
  type Model,
  type SymbolicTensor,
} from '@framewise/core';
import { activation, batchNormalization, conv2d, dense, reshape } from '@framewise/layers';

/** Options of {@link maskRcnnClassifierHead}; the defaults are Mask R-CNN's on COCO. */
export interface MaskRcnnHeadOptions {
  /** ROIs per image (the distributed axis). Default 50. */
  numRois?: number;
  /** Height and width of each ROI-aligned crop. Default 7. */
  poolSize?: number;
  /** Channels of the feature maps the crops come from. Default 256. */
  channels?: number;
  /** Width of the two fully connected layers, written as convolutions. Default 1024. */
  fcSize?: number;
  /** Classes, background included. Default 81 (COCO). */
  classes?: number;
  /**
   * Whether BatchNormalization follows the training flag (matterport's
   * `TRAIN_BN`). Default false: it always uses its moving statistics, since
   * the batches Mask R-CNN trains on are too small for batch statistics.
   */
  trainBatchNorm?: boolean;
}

/** The call options of the BatchNormalization layers: frozen in inference mode unless trained. */
function batchNormCall(trainBatchNorm: boolean): CallOptions {
  return trainBatchNorm ? {} : { training: false };
}

/**
 * The classifier head of Mask R-CNN (matterport's `fpn_classifier_graph`, layer
 * names included): ROI-aligned crops `[batch, numRois, poolSize, poolSize,
 * channels]` → Conv2D(fcSize, poolSize×poolSize, valid) → BatchNormalization →
 * ReLU → Conv2D(fcSize, 1×1) → BatchNormalization → ReLU → squeeze to
 * `[batch, numRois, fcSize]`, then two Dense heads: class logits (and their
 * softmax) and box deltas, reshaped to `[batch, numRois, classes, 4]`.
 *
 * Outputs, in order: `mrcnn_class_logits` `[b, numRois, classes]`,
 * `mrcnn_class` (probabilities, same shape), `mrcnn_bbox` `[b, numRois, classes, 4]`.
 *
 * Why TimeDistributed: the distributed axis is the ROI axis, not time. Each ROI
 * crop is classified by the same head, one set of weights shared by every ROI
 * (not by FPN levels: the crops were already pooled from the levels). Conv2D
 * takes `[batch, h, w, c]` and cannot see an extra ROI axis, so the wrapper
 * merges batch and ROIs, runs each layer once on `[batch·numRois, ...]`, and
 * splits them back. The 7×7 valid convolution over a 7×7 crop is a fully
 * connected layer written as a convolution; the BatchNormalization statistics
 * are per channel, shared by every ROI too.
 */
export function maskRcnnClassifierHead(options: MaskRcnnHeadOptions = {}): Model {
  const { numRois = 50, poolSize = 7, channels = 256, fcSize = 1024, classes = 81 } = options;
  const frozen = batchNormCall(options.trainBatchNorm ?? false);
  const crops = input({ shape: [numRois, poolSize, poolSize, channels], name: 'roi_crops' });

  let x = timeDistributed(conv2d({ filters: fcSize, kernelSize: poolSize, padding: 'valid' }), {
    name: 'mrcnn_class_conv1',
  }).apply(crops);
  x = timeDistributed(batchNormalization(), { name: 'mrcnn_class_bn1' }).apply(x, frozen);
  x = activation({ activation: 'relu' }).apply(x);
  x = timeDistributed(conv2d({ filters: fcSize, kernelSize: 1 }), {
    name: 'mrcnn_class_conv2',
  }).apply(x);
  x = timeDistributed(batchNormalization(), { name: 'mrcnn_class_bn2' }).apply(x, frozen);
  x = activation({ activation: 'relu' }).apply(x);
  // [b, rois, 1, 1, fcSize] -> [b, rois, fcSize] (matterport squeezes with a Lambda).
  const shared = reshape({ targetShape: [numRois, fcSize], name: 'pool_squeeze' }).apply(x);

  const logits = timeDistributed(dense({ units: classes }), { name: 'mrcnn_class_logits' }).apply(
    shared,
  );
  const probabilities = timeDistributed(activation({ activation: 'softmax' }), {
    name: 'mrcnn_class',
  }).apply(logits);
  const deltas = timeDistributed(dense({ units: classes * 4 }), { name: 'mrcnn_bbox_fc' }).apply(
    shared,
  );
  const boxes = reshape({ targetShape: [numRois, classes, 4], name: 'mrcnn_bbox' }).apply(deltas);
  return model({
    inputs: crops,
    outputs: [logits, probabilities, boxes],
    name: 'mrcnn_classifier',
  });
}

/**
 * The head for one ROI: a crop `[poolSize, poolSize, channels]` →
 * `[classLogits [classes], boxDeltas [classes·4]]`, a model with two outputs.
 * Its layers carry the names of {@link maskRcnnClassifierHead}'s wrappers.
 */
export function roiHead(options: MaskRcnnHeadOptions = {}): Model {
  const { poolSize = 7, channels = 256, fcSize = 1024, classes = 81 } = options;
  const frozen = batchNormCall(options.trainBatchNorm ?? false);
  const crop = input({ shape: [poolSize, poolSize, channels], name: 'roi_crop' });

  let x = conv2d({ filters: fcSize, kernelSize: poolSize, name: 'mrcnn_class_conv1' }).apply(crop);
  x = batchNormalization({ name: 'mrcnn_class_bn1' }).apply(x, frozen);
  x = activation({ activation: 'relu' }).apply(x);
  x = conv2d({ filters: fcSize, kernelSize: 1, name: 'mrcnn_class_conv2' }).apply(x);
  x = batchNormalization({ name: 'mrcnn_class_bn2' }).apply(x, frozen);
  x = activation({ activation: 'relu' }).apply(x);
  const shared = reshape({ targetShape: [fcSize], name: 'pool_squeeze' }).apply(x);

  const logits = dense({ units: classes, name: 'mrcnn_class_logits' }).apply(shared);
  const deltas = dense({ units: classes * 4, name: 'mrcnn_bbox_fc' }).apply(shared);
  return model({ inputs: crop, outputs: [logits, deltas], name: 'mrcnn_roi_head' });
}

/**
 * The same classifier head as {@link maskRcnnClassifierHead}, written as one
 * TimeDistributed around the whole {@link roiHead}: the per-ROI head is a
 * model of its own, and the wrapper gives every ROI that one model. The
 * outputs and parameters are the same. tfjs-layers cannot express this form:
 * its TimeDistributed takes a layer with one output.
 */
export function maskRcnnClassifierHeadWrapped(options: MaskRcnnHeadOptions = {}): Model {
  const { numRois = 50, poolSize = 7, channels = 256, classes = 81 } = options;
  const crops = input({ shape: [numRois, poolSize, poolSize, channels], name: 'roi_crops' });
  // `apply` is typed for one output; a wrapper around a two-output model gives two.
  const [logits, deltas] = timeDistributed(roiHead(options), { name: 'mrcnn_classifier' }).apply(
    crops,
  ) as unknown as [SymbolicTensor, SymbolicTensor];
  const probabilities = activation({ activation: 'softmax', name: 'mrcnn_class' }).apply(logits);
  const boxes = reshape({ targetShape: [numRois, classes, 4], name: 'mrcnn_bbox' }).apply(deltas);
  return model({
    inputs: crops,
    outputs: [logits, probabilities, boxes],
    name: 'mrcnn_classifier_wrapped',
  });
}

import { input, model, timeDistributed, type Model } from '@framewise/core';
import { activation, batchNormalization, conv2d, conv2dTranspose } from '@framewise/layers';

/**
 * The mask branch of Mask R-CNN (matterport's `build_fpn_mask_graph`): ROI-aligned crops
 * `[batch, rois, 14, 14, 256]` → four 3×3 convolutions with BatchNormalization and ReLU → a 2×2
 * transposed convolution to 28×28 → one sigmoid mask per class. Every layer is wrapped: the
 * distributed axis is the ROI axis, and every ROI goes through the same weights.
 */
export function maskHead(rois: number | null, classes = 81): Model {
  const crops = input({ shape: [rois, 14, 14, 256], name: 'roi_align_mask' });
  let x = crops;
  for (let i = 1; i <= 4; i++) {
    x = timeDistributed(
      conv2d({ filters: 256, kernelSize: 3, padding: 'same', activation: 'linear' }),
      {
        name: `mrcnn_mask_conv${i}`,
      },
    ).apply(x);
    x = timeDistributed(batchNormalization(), { name: `mrcnn_mask_bn${i}` }).apply(x, {
      training: false,
    });
    // matterport applies ReLU unwrapped: an activation has no weights and no use for the ROI axis.
    x = activation({ activation: 'relu' }).apply(x);
  }
  x = timeDistributed(
    conv2dTranspose({ filters: 256, kernelSize: 2, strides: 2, activation: 'relu' }),
    {
      name: 'mrcnn_mask_deconv',
    },
  ).apply(x);
  const masks = timeDistributed(
    conv2d({ filters: classes, kernelSize: 1, activation: 'sigmoid' }),
    {
      name: 'mrcnn_mask',
    },
  ).apply(x);
  return model({ inputs: crops, outputs: masks, name: 'mask_head' });
}

import { formatShape, isShapeList, ShapeError, type Shape, type Shapes } from '@framewise/core';

/** The sizes of RoiAlign's output that come from its inputs. */
export interface RoiAlignSizes {
  batch: number | null;
  numRois: number | null;
  channels: number | null;
}

const BOXES = '[batch, numRois, 4] (normalized y1, x1, y2, x2)';
const FEATURE_MAP = '[batch, height, width, channels]';

/**
 * Checks RoiAlign's two input shapes, `[boxes, featureMap]` (sizes may be `null`), and
 * returns the sizes the output takes from them. Throws a `ShapeError` naming the layer.
 */
export function checkRoiAlignInputs(inputShape: Shapes, layerName: string): RoiAlignSizes {
  if (!isShapeList(inputShape) || inputShape.length !== 2) {
    const received = isShapeList(inputShape)
      ? `${inputShape.length} input(s): ${inputShape.map(formatShape).join(', ')}`
      : `one input: ${formatShape(inputShape)}`;
    throw new ShapeError(
      `expected two inputs [boxes, featureMap], boxes ${BOXES} and a feature map ${FEATURE_MAP}; received ${received}`,
      layerName,
    );
  }
  const [boxes, featureMap] = inputShape as [Shape, Shape];
  if (boxes.length !== 3) {
    throw new ShapeError(
      `expected boxes of rank 3 ${BOXES}, received rank ${boxes.length}: ${formatShape(boxes)}`,
      layerName,
    );
  }
  if (boxes[2] !== null && boxes[2] !== 4) {
    throw new ShapeError(
      `expected 4 coordinates (y1, x1, y2, x2) on the last axis of the boxes, received ${boxes[2]}: ${formatShape(boxes)}`,
      layerName,
    );
  }
  if (featureMap.length !== 4) {
    throw new ShapeError(
      `expected a feature map of rank 4 ${FEATURE_MAP}, received rank ${featureMap.length}: ${formatShape(featureMap)}`,
      layerName,
    );
  }
  const [boxBatch, numRois] = boxes as [number | null, number | null];
  const [mapBatch, , , channels] = featureMap as [
    number | null,
    number | null,
    number | null,
    number | null,
  ];
  if (boxBatch !== null && mapBatch !== null && boxBatch !== mapBatch) {
    throw new ShapeError(
      `the boxes and the feature map must have the same batch size (sample i's boxes crop ` +
        `sample i's map), received boxes ${formatShape(boxes)} and a feature map ${formatShape(featureMap)}`,
      layerName,
    );
  }
  return { batch: boxBatch ?? mapBatch, numRois, channels };
}

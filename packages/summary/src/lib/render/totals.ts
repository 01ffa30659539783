import type { SummaryData } from '../types.js';
import { bytesText, countText, readableBytes, readableCount } from './units.js';

const OPEN = 'depends on a size the model leaves open; give input shapes to fix it';

/**
 * The lines under the wide, Markdown and HTML tables: parameters with their
 * memory (`Total params: 896 (3.50 KB)`, as Keras 3 writes them), MACs per
 * sample, and the estimated forward memory per sample.
 */
export function totalsLines(data: SummaryData): string[] {
  const t = data.totals;
  const macs =
    t.macs === null
      ? `? (${OPEN})`
      : `${countText(t.macs)} (${readableCount(2 * t.macs, 'FLOPs')} at 2 FLOPs per MAC)`;
  const memory =
    t.forwardBytes === null
      ? `? (${OPEN})`
      : `${readableBytes(t.forwardBytes)} (inputs ${bytesText(t.inputBytes)} + layer outputs ` +
        `${bytesText(t.activationBytes)})`;
  return [
    `Total params: ${countText(t.params)} (${readableBytes(t.paramBytes)})`,
    `Trainable params: ${countText(t.trainable)} (${readableBytes(t.trainableBytes)})`,
    `Non-trainable params: ${countText(t.nonTrainable)} (${readableBytes(t.nonTrainableBytes)})`,
    `Total MACs per sample: ${macs}`,
    `Estimated forward memory per sample: ${memory}, plus ${readableBytes(t.paramBytes)} of weights`,
  ];
}

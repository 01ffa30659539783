export { RoiAlign, roiAlign, roiAlignPlugin } from './roi-align.js';
export type { RoiAlignMethod, RoiAlignOptions } from './roi-align.js';

import { registerLayer } from '@framewise/core';
import { roiAlignPlugin } from './roi-align.js';

registerLayer(roiAlignPlugin);

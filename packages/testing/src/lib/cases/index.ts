import type { ConformanceCase } from '../case.js';
import { conv2dCases } from './conv2d.js';
import { denseCases } from './dense.js';
import { maskCases } from './masks.js';
import { tutorialCases } from './tutorial.js';
import { severalInputsCases } from './several-inputs.js';
import { timeDistributedCases } from './time-distributed.js';

export {
  conv2dCases,
  denseCases,
  maskCases,
  tutorialCases,
  severalInputsCases,
  timeDistributedCases,
};

/** Every case of the suite, grouped: dense, conv2d, time-distributed, mask, several-inputs, seed. */
export const conformanceCases: readonly ConformanceCase[] = [
  ...denseCases,
  ...conv2dCases,
  ...timeDistributedCases,
  ...maskCases,
  ...severalInputsCases,
  ...tutorialCases,
];

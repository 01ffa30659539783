export { Conv2D, conv2d, conv2dPlugin } from './conv2d/conv2d.js';
export type { Conv2DOptions } from './conv2d/conv2d.js';
export { Dense, dense, densePlugin } from './dense/dense.js';
export type { DenseOptions } from './dense/dense.js';
export type { InitializerOption, KernelSettings } from './common/options.js';
export type { Padding } from './common/conv-arithmetic.js';

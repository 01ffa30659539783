export { describeConformance } from './jest/describe-conformance.js';
export type { DescribeConformanceOptions } from './jest/describe-conformance.js';
export { describeLayerPlugin } from './jest/describe-layer-plugin.js';
export type { DescribeLayerPluginOptions } from './jest/describe-layer-plugin.js';

export { describeConformance } from './jest/describe-conformance.js';
export type { DescribeConformanceOptions } from './jest/describe-conformance.js';

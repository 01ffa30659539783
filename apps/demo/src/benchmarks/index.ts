/** The Benchmarks page of the site: the site mounts it on `#/benchmarks`. */
export { mountBenchmarks } from './mount-benchmarks.js';

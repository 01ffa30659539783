/** The Benchmarks page of the site: Site-shell mounts it on `#/benchmarks`. */
export { mountBenchmarks } from './mount-benchmarks.js';

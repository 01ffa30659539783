export { run } from './main.js';
export { demo } from './commands/demo.js';
export type { DemoOptions, DemoResult } from './commands/demo.js';
export type { Io } from './lib/io.js';
export { backends } from './commands/backends.js';
export type { BackendsOptions } from './commands/backends.js';
export { summary } from './commands/summary.js';
export type { SummaryArgs } from './commands/summary-args.js';

export { run } from './main.js';
export { demo } from './commands/demo.js';
export type { DemoOptions, DemoResult } from './commands/demo.js';
export type { Io } from './lib/io.js';

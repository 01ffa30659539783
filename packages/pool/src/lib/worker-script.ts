import { nodeWorkerScript, type WorkerScript } from '@framewise/core';

/**
 * The pool worker's script: `worker-main.js` beside this module once built, else
 * `worker-main.ts` bundled with the workspace packages' sources (a repository
 * checkout). tfjs and its wasm binaries stay outside, loaded at run time.
 */
export function workerScript(): Promise<WorkerScript> {
  return nodeWorkerScript({
    from: import.meta.url,
    built: './worker-main.js',
    source: './worker-main.ts',
    external: ['@tensorflow/*'],
    conditions: ['@framewise/source'],
    what: 'the pool worker',
  });
}

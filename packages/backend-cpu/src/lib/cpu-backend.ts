import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, type BackendAdapter, type BackendProbe } from '@framewise/core';
import type { EngineOption } from './engine-option.js';
import { firstLine } from '@framewise/core';
import { pureJsOption } from './pure-js.js';
import { tfjsNodeOption } from './tfjs-node.js';
import { wasmOption } from './wasm.js';

/** Options of `createCpuBackend`. */
export interface CpuBackendOptions {
  /**
   * XNNPACK threads for wasm's threaded build. In Node the default is every
   * core (or the `FRAMEWISE_THREADS` environment variable), and 1 keeps tfjs'
   * single-threaded build. In browsers the threaded build needs a
   * cross-origin isolated page, and tfjs' default is half the logical cores,
   * at most 8.
   */
  threads?: number;
  /**
   * Node, threaded wasm: copy results of 4 MiB or more out of wasm memory on
   * every thread, not one. They then come as typed arrays over a
   * `SharedArrayBuffer`, and Framewise runs V8's garbage collector now and
   * then to free dropped ones (see the backends guide, "CPU threads"). Off by
   * default; `FRAMEWISE_PARALLEL_READ=1` turns it on too.
   */
  parallelRead?: boolean;
  /**
   * Folder to look for `@tensorflow/tfjs-node` from, loading it with Node's
   * `require`, instead of this package's own location. For tests and tooling.
   */
  resolveFrom?: string;
}

/**
 * Builds a cpu adapter. `cpuBackend` is the one registered on import; build
 * your own to pick a thread count, after `unregisterBackend('cpu')`.
 */
export function createCpuBackend(options: CpuBackendOptions = {}): BackendAdapter {
  return {
    name: 'cpu',
    priority: 100,
    probe: async () => {
      try {
        return await probe(options);
      } catch (error) {
        return { available: false, engine: 'cpu', reason: `probe failed: ${firstLine(error)}` };
      }
    },
    activate: () => activate(options),
  };
}

/**
 * The cpu adapter (priority 100, the floor under `useBackend('auto')`):
 * native TensorFlow through `@tensorflow/tfjs-node` when it is installed and
 * loads, else wasm (XNNPACK), else tfjs' pure-JS cpu backend.
 */
export const cpuBackend: BackendAdapter = createCpuBackend();

// The ladder, top first. Each rung is loaded only when the ones above it cannot run.
function ladder(options: CpuBackendOptions): (() => Promise<EngineOption>)[] {
  return [
    ...(tf.env().getBool('IS_NODE') ? [() => tfjsNodeOption(options.resolveFrom)] : []),
    () => wasmOption(options.threads, options.parallelRead),
    () => pureJsOption(),
  ];
}

async function probe(options: CpuBackendOptions): Promise<BackendProbe> {
  const skipped: string[] = [];
  for (const rung of ladder(options)) {
    const option = await rung();
    if (option.usable) {
      const reason = [...skipped, option.reason].join('; ');
      return { available: true, engine: option.engine, reason, details: option.details };
    }
    skipped.push(option.reason);
  }
  return {
    available: false,
    engine: 'cpu',
    reason: `no CPU engine could load: ${skipped.join('; ')}`,
  };
}

// Like probe, but an engine that fails to start passes the turn to the rung below it.
async function activate(options: CpuBackendOptions): Promise<BackendProbe> {
  const notes: string[] = [];
  for (const rung of ladder(options)) {
    const option = await rung();
    if (!option.usable) {
      notes.push(option.reason);
      continue;
    }
    try {
      const { reason, details } = await option.start();
      await tf.ready();
      return {
        available: true,
        engine: option.engine,
        reason: [...notes, reason].join('; '),
        details,
      };
    } catch (error) {
      notes.push(`${option.engine} did not start (${firstLine(error)})`);
    }
  }
  throw new BackendUnavailableError(`adapter 'cpu' is not available: ${notes.join('; ')}`);
}

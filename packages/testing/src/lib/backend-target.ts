import * as tf from '@tensorflow/tfjs-core';
import {
  BackendUnavailableError,
  ConfigError,
  findBackend,
  registeredBackends,
  type BackendAdapter,
} from '@framewise/core';

/**
 * The backend a conformance run targets:
 * - a Framewise backend adapter's name (`'cpu'`, `'webgpu'`, `'cuda'`), as `useBackend` takes
 *   it, once the package that registers the adapter is imported. `'cpu'` is then whatever the
 *   adapter runs here (tfjs-node, else wasm, else tfjs' cpu);
 * - `'tfjs:<engine>'`: a TensorFlow.js engine registered with `tf.registerBackend`, by its
 *   own name (`'tfjs:cpu'` is always tfjs' pure-JS backend, `'tfjs:wasm'`, `'tfjs:webgl'`);
 * - a bare name no adapter has, taken as an engine name (`'cpu-broken'`);
 * - an adapter object, registered or not (a plugin author testing an adapter before
 *   registering it).
 */
export type BackendTarget = string | BackendAdapter;

/** A target once active: what it was asked as, and which engine actually runs. */
export interface ActiveBackend {
  /** The target as given: adapter name, `tfjs:<engine>`, engine name. */
  label: string;
  /** `tf.getBackend()` after activation: the engine tolerances are looked up by. */
  engine: string;
  /** Whether a Framewise adapter or a bare TensorFlow.js engine was activated. */
  via: 'adapter' | 'engine';
  /** The adapter's reason (what it found), or a line naming the engine. */
  reason: string;
}

const ENGINE_PREFIX = 'tfjs:';

function registeredEngines(): string[] {
  return Object.keys((tf.engine() as unknown as { registryFactory: object }).registryFactory);
}

// The packages that register tfjs' own engines on import.
const ENGINE_PACKAGES: Record<string, string> = {
  cpu: '@tensorflow/tfjs-backend-cpu',
  wasm: '@tensorflow/tfjs-backend-wasm',
  webgl: '@tensorflow/tfjs-backend-webgl',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
  tensorflow: '@tensorflow/tfjs-node',
};

async function activateEngine(label: string, engine: string): Promise<ActiveBackend> {
  if (!tf.findBackendFactory(engine)) {
    const known = Object.hasOwn(ENGINE_PACKAGES, engine) ? ENGINE_PACKAGES[engine] : undefined;
    throw new ConfigError(
      `no TensorFlow.js engine named '${engine}' is registered (registered: ` +
        `${registeredEngines().join(', ') || 'none'}); ` +
        (known ? `import '${known}'` : 'import the package that registers it'),
    );
  }
  if (!(await tf.setBackend(engine))) {
    throw new BackendUnavailableError(
      `the TensorFlow.js engine '${engine}' did not start; see the warning tfjs logged above`,
    );
  }
  return { label, engine, via: 'engine', reason: `TensorFlow.js engine '${engine}'` };
}

async function activateAdapter(adapter: BackendAdapter): Promise<ActiveBackend> {
  const probe = await adapter.activate();
  return { label: adapter.name, engine: tf.getBackend(), via: 'adapter', reason: probe.reason };
}

/** Makes `target` the active backend (see `BackendTarget` for how names are read). */
export async function activateBackend(target: BackendTarget): Promise<ActiveBackend> {
  if (typeof target !== 'string') return activateAdapter(target);
  if (target.startsWith(ENGINE_PREFIX)) {
    return activateEngine(target, target.slice(ENGINE_PREFIX.length));
  }
  const adapter = findBackend(target);
  if (adapter) return activateAdapter(adapter);
  if (tf.findBackendFactory(target)) return activateEngine(target, target);
  const adapters = registeredBackends().map((a) => a.name);
  throw new ConfigError(
    `'${target}' is neither a Framewise backend adapter (registered: ${adapters.join(', ') || 'none'}; ` +
      `import '@framewise/backend-${target}' if that is the one) nor a TensorFlow.js engine ` +
      `(registered: ${registeredEngines().join(', ')})`,
  );
}

/** How a target reads in titles and reports. */
export function targetLabel(target: BackendTarget): string {
  return typeof target === 'string' ? target : target.name;
}

import * as tf from '@tensorflow/tfjs-core';
import {
  findOptionalPackage,
  firstLine,
  loadOptionalPackage,
  optionalPackageSources,
  type BackendProbe,
} from '@framewise/core';
import { failedToLoad, needsNode, noDevice, notInstalled, otherCopy, running } from './messages.js';
import { findNvidiaDevices, type NvidiaDeviceSources } from './nvidia-devices.js';
import { TFJS_NODE_GPU } from './requirements.js';

// Optional peers are looked up and imported from this module, where npm and pnpm put them.
const fromHere = optionalPackageSources(import.meta.url, (name) => import(name));

/**
 * Where the cuda adapter looks. Every field has a working default; the
 * others are for tests and tooling that need to point it elsewhere.
 */
export interface CudaBackendOptions extends NvidiaDeviceSources {
  /**
   * Folder to resolve `@tensorflow/tfjs-node-gpu` from, loading it with Node's
   * `require`, instead of this package's own location.
   */
  resolveFrom?: string;
  /** Environment to read CUDA_VISIBLE_DEVICES from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** `${platform}-${arch}`; default this process's. */
  platform?: string;
}

/** The backend tfjs-node-gpu registers, as far as this probe looks at it. */
interface NodeGpuBackend {
  isUsingGpuDevice?: boolean;
  binding?: { TF_Version?: string };
}

/**
 * Checks, in order, that tfjs-node-gpu resolves, that it loads (its native
 * addon needs libtensorflow and the CUDA libraries), and that TensorFlow
 * runs on a CUDA device; each failure says what to install or fix.
 */
export async function probeCuda(options: CudaBackendOptions = {}): Promise<BackendProbe> {
  const unavailable = (reason: string): BackendProbe => ({
    available: false,
    engine: 'tensorflow',
    reason,
  });
  if (!tf.env().getBool('IS_NODE')) return unavailable(needsNode());
  const ours = tf.version_core;
  const found = await findOptionalPackage(TFJS_NODE_GPU, fromHere(options.resolveFrom));
  if (!found) return unavailable(notInstalled(ours));
  let exported: Record<string, unknown>;
  try {
    exported = await loadOptionalPackage(found, fromHere(options.resolveFrom));
  } catch (error) {
    return unavailable(failedToLoad(found.version, firstLine(error)));
  }
  // Ask the package's own tfjs (it re-exports findBackend): that is where its backend lives.
  const findIn =
    typeof exported['findBackend'] === 'function'
      ? (exported['findBackend'] as (name: string) => unknown)
      : (name: string) => (tf.findBackendFactory(name) ? tf.findBackend(name) : null);
  const backend = findIn('tensorflow') as NodeGpuBackend | null;
  const devices = await findNvidiaDevices(options);
  if (backend?.isUsingGpuDevice !== true) {
    const env = options.env ?? process.env;
    return unavailable(
      noDevice({
        platform: options.platform ?? `${process.platform}-${process.arch}`,
        devices,
        visibleDevices: env['CUDA_VISIBLE_DEVICES'],
      }),
    );
  }
  if (tf.findBackendFactory('tensorflow') === null) {
    const versions = exported['version'] as Record<string, string> | undefined;
    return unavailable(otherCopy(found.version, versions?.['tfjs-core'] ?? 'unknown', ours));
  }
  const tensorflow = backend.binding?.TF_Version;
  return {
    available: true,
    engine: 'tensorflow',
    reason: running(found.version, tensorflow, devices?.gpus ?? []),
    details: {
      package: TFJS_NODE_GPU,
      version: found.version,
      ...(tensorflow ? { tensorflow } : {}),
      ...(devices?.gpus.length ? { gpus: devices.gpus.join(', ') } : {}),
      ...(devices?.driver ? { driver: devices.driver } : {}),
    },
  };
}

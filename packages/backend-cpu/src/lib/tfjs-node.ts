import * as tf from '@tensorflow/tfjs-core';
import type { EngineOption } from './engine-option.js';
import {
  findOptionalPackage,
  firstLine,
  loadOptionalPackage,
  optionalPackageSources,
} from '@framewise/core';

const TFJS_NODE = '@tensorflow/tfjs-node';
// Optional peers are looked up and imported from this module, where npm and pnpm put them.
const fromHere = optionalPackageSources(import.meta.url, (name) => import(name));

/**
 * Native TensorFlow through `@tensorflow/tfjs-node`, an optional peer: its
 * install downloads libtensorflow, which not every machine can do, so it is
 * looked for and loaded only here, never imported statically.
 */
export async function tfjsNodeOption(resolveFrom?: string): Promise<EngineOption> {
  const ours = tf.version_core;
  const unusable = (reason: string): EngineOption => ({
    usable: false,
    engine: 'tensorflow',
    reason,
  });
  const found = await findOptionalPackage(TFJS_NODE, fromHere(resolveFrom));
  if (!found) {
    return unusable(
      `${TFJS_NODE} is not installed (npm install ${TFJS_NODE}@${ours} for native TensorFlow)`,
    );
  }
  let exported: Record<string, unknown>;
  try {
    exported = await loadOptionalPackage(found, fromHere(resolveFrom));
  } catch (error) {
    return unusable(
      `${TFJS_NODE} ${found.version} is installed but failed to load (${firstLine(error)}); ` +
        `npm rebuild ${TFJS_NODE} reruns its install, which downloads libtensorflow`,
    );
  }
  // A tfjs-node built for another tfjs-core version brings its own copy, whose backends this one cannot see.
  if (tf.findBackendFactory('tensorflow') === null) {
    const versions = exported['version'] as Record<string, string> | undefined;
    return unusable(
      `${TFJS_NODE} ${found.version} registered its backend with another copy of ` +
        `@tensorflow/tfjs-core (${versions?.['tfjs-core'] ?? 'unknown'}; this app uses ${ours}): ` +
        `npm install ${TFJS_NODE}@${ours}`,
    );
  }
  const tensorflow = (tf.findBackend('tensorflow') as { binding?: { TF_Version?: string } } | null)
    ?.binding?.TF_Version;
  const reason = `using native TensorFlow${tensorflow ? ` ${tensorflow}` : ''} through ${TFJS_NODE} ${found.version}`;
  const details = {
    package: TFJS_NODE,
    version: found.version,
    ...(tensorflow ? { tensorflow } : {}),
  };
  return {
    usable: true,
    engine: 'tensorflow',
    reason,
    details,
    start: async () => {
      if (!(await tf.setBackend('tensorflow'))) throw new Error('tf.setBackend returned false');
      return { reason, details };
    },
  };
}

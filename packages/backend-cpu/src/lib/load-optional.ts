import * as tf from '@tensorflow/tfjs-core';

/** An optional package found on disk, not yet loaded. */
export interface InstalledPackage {
  name: string;
  version: string;
}

/**
 * Finds an optional package without loading it, so that "not installed" and
 * "installed but broken" get different advice. `resolveFrom` (a folder) is for
 * tests and tooling; by default the package is looked up from this file, which
 * is where npm puts the peers of this package.
 */
export async function findPackage(
  name: string,
  resolveFrom?: string,
): Promise<InstalledPackage | undefined> {
  // node: modules are imported lazily so that browser bundles of this package never need them.
  const { createRequire } = await import('node:module');
  const { readFile } = await import('node:fs/promises');
  let packageJson: string;
  try {
    packageJson = createRequire(await base(resolveFrom)).resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
  const { version } = JSON.parse(await readFile(packageJson, 'utf8')) as { version?: string };
  return { name, version: version ?? 'unknown' };
}

/**
 * Loads a package found by `findPackage` and gives back its exports, leaving
 * the active tfjs backend as it was: tfjs-node and tfjs-node-gpu switch to
 * their own backend on import, and a probe must not change the backend.
 */
export async function loadPackage(
  found: InstalledPackage,
  resolveFrom?: string,
): Promise<Record<string, unknown>> {
  const before = tf.engine().backendName;
  try {
    if (resolveFrom === undefined) return exportsOf(await import(found.name));
    const { createRequire } = await import('node:module');
    return exportsOf(createRequire(await base(resolveFrom))(found.name));
  } finally {
    if (before && tf.engine().backendName !== before) await restore(before);
  }
}

/** The first line of an error, for one-line reasons (native load errors carry long stacks). */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}

async function base(resolveFrom: string | undefined): Promise<string> {
  if (resolveFrom === undefined) return import.meta.url;
  const { join } = await import('node:path');
  // createRequire takes a file name and resolves from its folder; the file need not exist.
  return join(resolveFrom, 'resolve-from.js');
}

// import() of a CommonJS package gives its module.exports as `default` in Node and
// the exports themselves under CommonJS test runners; require() gives the exports.
function exportsOf(loaded: unknown): Record<string, unknown> {
  const value = loaded as { default?: unknown };
  if (value.default !== null && typeof value.default === 'object') {
    return value.default as Record<string, unknown>;
  }
  return value as Record<string, unknown>;
}

async function restore(backendName: string): Promise<void> {
  try {
    await tf.setBackend(backendName);
  } catch {
    // The previous backend was removed meanwhile; leave tfjs' own choice.
  }
}

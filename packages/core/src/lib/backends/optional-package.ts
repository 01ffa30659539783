import * as tf from '@tensorflow/tfjs-core';

/** An optional package found on disk, not yet loaded. */
export interface InstalledPackage {
  name: string;
  version: string;
}

/**
 * Where an adapter package looks for its optional peers. The lookup and the
 * import must happen from the adapter's own module, not from core: package
 * managers that isolate dependencies (pnpm) link a package's peers next to it only.
 */
export interface OptionalPackageSource {
  /** `import.meta.url` of the module that depends on the package. */
  from: string;
  /** `(name) => import(name)`, written in that same module. */
  importer: (name: string) => Promise<unknown>;
  /** A folder to resolve and load from instead, with Node's `require`: for tests and tooling. */
  resolveFrom?: string;
}

/**
 * The sources of one adapter module, with or without a test's `resolveFrom`:
 * `const fromHere = optionalPackageSources(import.meta.url, (name) => import(name));`
 * written in that module, then `fromHere(options.resolveFrom)` for each lookup.
 */
export function optionalPackageSources(
  from: string,
  importer: (name: string) => Promise<unknown>,
): (resolveFrom?: string) => OptionalPackageSource {
  return (resolveFrom) => ({
    from,
    importer,
    ...(resolveFrom === undefined ? {} : { resolveFrom }),
  });
}

/**
 * Finds an optional package without loading it, so that "not installed" and
 * "installed but broken" get different advice.
 */
export async function findOptionalPackage(
  name: string,
  source: OptionalPackageSource,
): Promise<InstalledPackage | undefined> {
  // node: modules are imported lazily so that browser bundles of this package never need them.
  const { createRequire } = await import('node:module');
  const { readFile } = await import('node:fs/promises');
  let packageJson: string;
  try {
    packageJson = createRequire(await base(source)).resolve(`${name}/package.json`);
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
export async function loadOptionalPackage(
  found: InstalledPackage,
  source: OptionalPackageSource,
): Promise<Record<string, unknown>> {
  const before = tf.engine().backendName;
  try {
    if (source.resolveFrom === undefined) return exportsOf(await source.importer(found.name));
    const { createRequire } = await import('node:module');
    return exportsOf(createRequire(await base(source))(found.name));
  } finally {
    if (before && tf.engine().backendName !== before) await restore(before);
  }
}

/** The first line of an error, for one-line reasons (native load errors carry long stacks). */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first = ''] = message.split('\n');
  return first.trim();
}

async function base(source: OptionalPackageSource): Promise<string> {
  if (source.resolveFrom === undefined) return source.from;
  const { join } = await import('node:path');
  // createRequire takes a file name and resolves from its folder; the file need not exist.
  return join(source.resolveFrom, 'resolve-from.js');
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

/**
 * Finds the script of a Node worker thread that a package runs (io's HDF5 reader,
 * the predict pool): the JavaScript file tsc emitted beside the calling module in
 * a built or published package, else the TypeScript source beside it bundled on
 * the fly into one CommonJS script run with `eval` (a repository checkout, where
 * esbuild is a development dependency; published packages never need it).
 */

/** A worker script for `new Worker(code, { eval })`. */
export interface WorkerScript {
  code: URL | string;
  eval: boolean;
}

/** Where a worker script is and how to bundle its source. */
export interface WorkerScriptSource {
  /** `import.meta.url` of the module that starts the worker. */
  from: string;
  /** The built script, relative to `from` (`'./worker-main.js'`). */
  built: string;
  /** Its TypeScript source, relative to `from` (`'./worker-main.ts'`). */
  source: string;
  /** Packages left out of the bundle, loaded at run time as the built script loads them. */
  external: string[];
  /** Export conditions to resolve workspace packages with (their sources, in a checkout). */
  conditions?: string[];
  /** What the worker is, for errors (`'the HDF5 worker'`). */
  what: string;
}

/** The part of esbuild's API used here. */
interface Bundler {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { text: string }[] }>;
}

const found = new Map<string, Promise<WorkerScript>>();

/** The worker's script, found or bundled once per process and source. */
export function nodeWorkerScript(where: WorkerScriptSource): Promise<WorkerScript> {
  const key = new URL(where.built, where.from).href;
  let script = found.get(key);
  if (script === undefined) {
    script = locate(where);
    found.set(key, script);
    script.catch(() => found.delete(key));
  }
  return script;
}

async function locate(where: WorkerScriptSource): Promise<WorkerScript> {
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const built = new URL(where.built, where.from);
  if (built.protocol === 'file:' && existsSync(built)) return { code: built, eval: false };
  const source = fileURLToPath(new URL(where.source, where.from));
  if (!existsSync(source)) throw new Error(`${where.what}'s script is missing (${built.href})`);
  // Kept in a variable so that bundlers do not try to include esbuild in browser builds.
  const esbuild = 'esbuild';
  const { build } = (await import(/* @vite-ignore */ esbuild)) as Bundler;
  const out = await build({
    entryPoints: [source],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: where.external,
    ...(where.conditions === undefined ? {} : { conditions: where.conditions }),
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.text;
  if (code === undefined) throw new Error(`bundling ${where.what} gave no output`);
  return { code, eval: true };
}

/**
 * Where a pool worker's script comes from: the `worker-main.js` tsc emits beside
 * this module once built, or, where the package runs from its TypeScript sources
 * (a repository checkout: tests, tsx), `worker-main.ts` bundled on the fly with
 * esbuild, which a checkout has and a published package never needs.
 */

/** The built worker beside this module. */
const WORKER_FILE = './worker-main.js';
/** Its source, for runs from TypeScript sources. */
const WORKER_SOURCE = './worker-main.ts';

/** The part of esbuild's API used here. */
interface Bundler {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { text: string }[] }>;
}

/** A worker script: a file URL, or code to run with `eval`. */
export interface WorkerScript {
  code: URL | string;
  eval: boolean;
}

let script: Promise<WorkerScript> | undefined;

/** The pool worker's script, found or bundled once per process. */
export function workerScript(): Promise<WorkerScript> {
  script ??= (async () => {
    const { existsSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const built = new URL(WORKER_FILE, import.meta.url);
    if (built.protocol === 'file:' && existsSync(built)) return { code: built, eval: false };
    const source = fileURLToPath(new URL(WORKER_SOURCE, import.meta.url));
    if (!existsSync(source)) throw new Error(`the pool worker script is missing (${built.href})`);
    const esbuild = 'esbuild';
    const { build } = (await import(/* @vite-ignore */ esbuild)) as Bundler;
    const out = await build({
      entryPoints: [source],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      conditions: ['@framewise/source'],
      // tfjs and its wasm binaries load from node_modules at run time, as in the built package.
      external: ['@tensorflow/*'],
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]?.text;
    if (code === undefined) throw new Error('bundling the pool worker gave no output');
    return { code, eval: true };
  })();
  script.catch(() => {
    script = undefined;
  });
  return script;
}

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootBin, type Context } from '../context.js';
import { exec } from '../exec.js';

const SETTINGS = {
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
};

/**
 * A TypeScript file using the public API type-checks against the installed declarations, as a
 * strict user compiles it: once as Node ESM (nodenext), once for a bundler. skipLibCheck is off,
 * so a declaration that points at a missing file or type fails here.
 */
export async function typeCheck(context: Context): Promise<string[]> {
  const dir = join(context.app, 'ts');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(context.fixtures, 'public-api.ts'), join(dir, 'public-api.ts'));
  const notes: string[] = [];
  for (const [name, settings] of Object.entries(SETTINGS)) {
    const config = {
      compilerOptions: {
        ...settings,
        target: 'es2022',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
      files: ['public-api.ts'],
    };
    writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
    const started = performance.now();
    await exec(
      process.execPath,
      [rootBin(context, 'typescript', 'bin', 'tsc'), '-p', `tsconfig.${name}.json`],
      { cwd: dir },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    notes.push(
      `tsc --noEmit, module ${settings.module} / moduleResolution ${name}: ok (${seconds} s)`,
    );
  }
  return notes;
}

import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { serveStatic } from '@framewise/testing';

const ROOT = resolve(__dirname, '../../..');

/**
 * Builds the site as `npm run site:build` does (Vite, then TypeDoc into `api/`), into `outDir`;
 * JSDoc warnings do not fail it here (`npm run docs:api` checks those); `FRAMEWISE_SITE_API=skip`
 * in this process's environment leaves the reference out.
 * Vite runs in a child Node: it is ESM-only and this spec is compiled to CommonJS.
 */
export function buildSite(outDir: string): Promise<void> {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', 'apps/demo/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          FRAMEWISE_SITE_OUT: outDir,
          FRAMEWISE_SITE_API: process.env['FRAMEWISE_SITE_API'] ?? 'lenient',
        },
        stdio: 'pipe',
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`vite build exited with ${code}:\n${output}`)),
    );
  });
}

/** A static server for a built site on 127.0.0.1 (any free port), as a static host would. */
export const serveSite = serveStatic;

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Runs TypeDoc with the repository's typedoc.json, writing into `out`; `strict` keeps its treatWarningsAsErrors. */
export function runTypedoc(out: string, strict = true): Promise<void> {
  const require = createRequire(import.meta.url);
  const bin = join(require.resolve('typedoc/package.json'), '..', 'bin', 'typedoc');
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [bin, '--out', out, ...(strict ? [] : ['--treatWarningsAsErrors', 'false'])],
      { cwd: ROOT, stdio: 'pipe' },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`typedoc exited with ${code}:\n${output.trim()}`)),
    );
  });
}

/**
 * The API reference under `api/`: after `vite build`, TypeDoc (the root typedoc.json, its
 * treatWarningsAsErrors included) writes it into the site's output folder. The dev server
 * serves the last build's copy, or says how to make one. `FRAMEWISE_SITE_API=skip` leaves it out;
 * `FRAMEWISE_SITE_API=lenient` lets JSDoc warnings through (the site's browser tests use it: they
 * test the site, while `npm run docs:api` holds the JSDoc to treatWarningsAsErrors).
 */
export function apiReference(): Plugin {
  let outDir = '';
  let building = false;
  return {
    name: 'framewise:api-reference',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      building = config.command === 'build';
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname;
        const at = path.indexOf('/api/');
        if (at < 0) return next();
        const built = join(outDir, 'api');
        const rest = path.slice(at + '/api/'.length) || 'index.html';
        const file = normalize(join(built, rest));
        if (!file.startsWith(built) || !existsSync(file)) {
          response.statusCode = existsSync(built) ? 404 : 200;
          response.setHeader('content-type', 'text/html; charset=utf-8');
          response.end(
            existsSync(built)
              ? 'Not found'
              : '<p>The API reference is built with the site: run <code>npm run site:build</code> once, then reload.</p>',
          );
          return;
        }
        response.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
        response.end(readFileSync(file));
      });
    },
    async closeBundle() {
      const mode = process.env['FRAMEWISE_SITE_API'];
      if (!building || mode === 'skip') return;
      await runTypedoc(join(outDir, 'api'), mode !== 'lenient');
    },
  };
}

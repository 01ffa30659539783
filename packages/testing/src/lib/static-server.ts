import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/**
 * The two headers that make a page cross-origin isolated, which browsers require before they
 * give it SharedArrayBuffer and with it tfjs-backend-wasm's threaded build.
 */
export const CROSS_ORIGIN_ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Options of `serveStatic`. */
export interface StaticServerOptions {
  /** Headers sent with every file, e.g. `CROSS_ORIGIN_ISOLATION`. */
  headers?: Readonly<Record<string, string>>;
}

/** A running static server: close it when the test is done. */
export interface StaticServer {
  // Structural, so the published types need no @types/node in the consumer's program.
  server: { close(callback?: (error?: Error) => void): unknown };
  /** `http://127.0.0.1:PORT/` */
  url: string;
}

/**
 * Serves a built folder on 127.0.0.1 (a free port) as a static host would:
 * `index.html` for folders, content types browsers insist on (`.wasm` must be
 * `application/wasm` for streaming compilation), 404 for what is missing and
 * 403 for paths that climb out of the folder, and `options.headers` with every file (a host
 * configured for cross-origin isolation sends `CROSS_ORIGIN_ISOLATION`). For tests that drive
 * Chromium.
 */
export async function serveStatic(
  dir: string,
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const headers = options.headers ?? {};
  const root = resolve(dir);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          ...headers,
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

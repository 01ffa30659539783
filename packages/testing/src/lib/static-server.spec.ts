import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CROSS_ORIGIN_ISOLATION, serveStatic, type StaticServer } from './static-server.js';

describe('serveStatic', () => {
  let dir: string;
  let site: StaticServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'framewise-static-'));
    mkdirSync(join(dir, 'api'));
    writeFileSync(join(dir, 'index.html'), '<h1>home</h1>');
    writeFileSync(join(dir, 'api', 'index.html'), '<h1>api</h1>');
    writeFileSync(join(dir, 'engine.wasm'), new Uint8Array([0, 97, 115, 109]));
    site = await serveStatic(dir);
  });
  afterAll(() => {
    site.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves folders through index.html and files with the types browsers need', async () => {
    const home = await fetch(site.url);
    expect(await home.text()).toBe('<h1>home</h1>');
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await (await fetch(`${site.url}api/`)).text()).toBe('<h1>api</h1>');
    const wasm = await fetch(`${site.url}engine.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  it('answers 404 for what is missing and 403 for paths out of the folder', async () => {
    expect((await fetch(`${site.url}nothing.js`)).status).toBe(404);
    expect((await fetch(`${site.url}..%2F..%2Fetc%2Fpasswd`)).status).toBe(403);
  });

  it('sends no isolation headers unless asked, and the given headers with every file when asked', async () => {
    const plain = await fetch(site.url);
    expect(plain.headers.get('cross-origin-opener-policy')).toBeNull();
    const isolated = await serveStatic(dir, { headers: CROSS_ORIGIN_ISOLATION });
    try {
      for (const path of ['', 'api/', 'engine.wasm']) {
        const r = await fetch(`${isolated.url}${path}`);
        expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
        expect(r.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      }
      expect((await fetch(`${isolated.url}engine.wasm`)).headers.get('content-type')).toBe(
        'application/wasm',
      );
    } finally {
      isolated.server.close();
    }
  });
});

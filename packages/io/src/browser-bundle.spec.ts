import { build } from 'esbuild';
import { join } from 'node:path';

// The package must bundle for browsers: no static `node:` import anywhere (Node's fs is
// imported lazily, for path sources only), and h5wasm in a chunk of its own, loaded on demand.
it('bundles for the browser with node: modules and h5wasm only behind dynamic imports', async () => {
  const result = await build({
    entryPoints: [join(__dirname, 'index.ts')],
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    conditions: ['@framewise/source'],
    external: ['@tensorflow/*', 'node:*'],
    outdir: '/virtual',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const entry = result.outputFiles.find((f) => f.path.endsWith('/index.js'))!;
  expect(entry.text).not.toMatch(/from\s*["']node:/);
  expect(entry.text).toMatch(/import\("node:fs\/promises"\)/);
  const chunks = result.outputFiles.filter((f) => f !== entry);
  expect(chunks.some((c) => c.text.includes('H5Fopen') || c.path.includes('hdf5'))).toBe(true);
  expect(entry.text.length).toBeLessThan(1_000_000);
}, 30000);

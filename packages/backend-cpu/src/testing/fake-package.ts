/**
 * Test helpers for adapter authors whose probe looks for an optional package
 * (`@framewise/backend-cpu/testing`, Node only): a real package on disk stands
 * for one that cannot be installed here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/**
 * Writes a real package, `node_modules/<name>/{package.json,index.js}`, under a
 * fresh temporary folder and returns the folder, for the adapter's
 * `resolveFrom` option: it stands for a package that cannot be installed here.
 */
export function fakePackage(name: string, version: string, indexJs: string): string {
  const root = mkdtempSync(join(tmpdir(), 'framewise-fake-'));
  made.push(root);
  const dir = join(root, 'node_modules', ...name.split('/'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version, main: 'index.js' }));
  writeFileSync(join(dir, 'index.js'), indexJs);
  return root;
}

/** Deletes every folder `fakePackage` made. */
export function removeFakePackages(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}

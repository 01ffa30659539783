import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { exec } from '../exec.js';
import { startRegistry } from '../registry.js';

/**
 * A fresh project outside the repository that depends on every public package at the release
 * version, plus the peer a user installs themselves (@tensorflow/tfjs-core); npm installs the
 * tarballs from the local registry and everything else from npmjs.com. Required peers
 * (tfjs-backend-wasm ...) come in because the packages declare them, or not at all.
 */
export async function installProject(context: Context): Promise<string[]> {
  const registry = await startRegistry(context.packed);
  context.registry = registry;
  mkdirSync(context.app, { recursive: true });
  const dependencies = Object.fromEntries([
    ...context.packed.map((p) => [p.name, p.version]),
    ['@tensorflow/tfjs-core', context.tfjsVersion],
  ]);
  const manifest = { name: 'pack-check-app', private: true, type: 'module', dependencies };
  writeFileSync(join(context.app, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const { stdout } = await exec(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel', 'error', ...registry.npmArgs],
    { cwd: context.app, timeoutMs: 300_000 },
  );
  const ls = await exec('npm', ['ls', '@tensorflow/tfjs-core', '--all', '--parseable'], {
    cwd: context.app,
    allowFailure: true,
  });
  const copies = new Set(
    ls.stdout
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => realpathSync(line.trim())),
  );
  if (copies.size !== 1) {
    throw new Error(
      `expected one copy of @tensorflow/tfjs-core, found ${copies.size}:\n${[...copies].join('\n')}`,
    );
  }
  return [stdout.trim().split('\n').at(-1) ?? '', `project: ${context.app}`];
}

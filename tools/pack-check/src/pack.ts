import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { exec } from './exec.js';
import { readTarball } from './tarball.js';
import type { Manifest, WorkspacePackage } from './workspace.js';

/** One packed package: its tarball on disk and what is inside. */
export interface Packed {
  name: string;
  version: string;
  /** Folder of the workspace package, relative to the repository root. */
  dir: string;
  /** Absolute path of the .tgz. */
  file: string;
  integrity: string;
  shasum: string;
  /** The package.json inside the tarball (what npm publishes). */
  manifest: Manifest;
  files: Map<string, Buffer>;
}

interface NpmPackEntry {
  name: string;
  version: string;
  filename: string;
  integrity: string;
  shasum: string;
}

/**
 * `npm pack` for every package, in one npm run, lifecycle scripts included as `npm publish`
 * would run them. The tarballs land in `destination`.
 */
export async function packAll(
  root: string,
  packages: WorkspacePackage[],
  destination: string,
): Promise<Packed[]> {
  mkdirSync(destination, { recursive: true });
  const workspaces = packages.flatMap((p) => ['--workspace', p.dir]);
  const { stdout } = await exec(
    'npm',
    ['pack', ...workspaces, '--pack-destination', destination, '--json', '--loglevel', 'error'],
    { cwd: root },
  );
  const entries = JSON.parse(stdout.slice(stdout.indexOf('['))) as NpmPackEntry[];
  return entries.map((entry) => {
    const file = join(destination, entry.filename.replace(/^@/, '').replace('/', '-'));
    const files = readTarball(file);
    const manifestFile = files.get('package.json');
    if (!manifestFile) throw new Error(`${entry.filename} has no package.json`);
    const manifest = JSON.parse(manifestFile.toString('utf8')) as Manifest;
    const source = packages.find((p) => p.manifest.name === entry.name);
    if (!source) throw new Error(`npm packed ${entry.name}, which is not a public package here`);
    const dir = source.dir;
    return { ...entry, dir, file, manifest, files };
  });
}

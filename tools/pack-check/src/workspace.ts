import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fields of a package.json this check reads. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  license?: string;
  keywords?: string[];
  repository?: { type?: string; url?: string; directory?: string } | string;
  type?: string;
  main?: string;
  types?: string;
  bin?: Record<string, string> | string;
  exports?: unknown;
  files?: string[];
  sideEffects?: boolean | string[];
  engines?: Record<string, string>;
  publishConfig?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
  workspaces?: string[];
}

/** A workspace package: its folder relative to the root, and its package.json. */
export interface WorkspacePackage {
  dir: string;
  manifest: Manifest;
}

export function readManifest(file: string): Manifest {
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/**
 * Every npm workspace of the repository, from the root package.json's `workspaces` (plain
 * folders and `folder/*` patterns, the forms this repository uses).
 */
export function workspacePackages(root: string): WorkspacePackage[] {
  const patterns = readManifest(join(root, 'package.json')).workspaces ?? [];
  const dirs = patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    if (!existsSync(join(root, parent))) return [];
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`);
  });
  return dirs
    .sort()
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readManifest(join(root, dir, 'package.json')) }));
}

/** The packages users install: every workspace not marked `private`. */
export function publicPackages(root: string): WorkspacePackage[] {
  return workspacePackages(root).filter((p) => p.manifest.private !== true);
}

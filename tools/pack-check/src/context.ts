import { join } from 'node:path';
import type { Packed } from './pack.js';
import type { LocalRegistry } from './registry.js';
import type { WorkspacePackage } from './workspace.js';

/** What the steps share. */
export interface Context {
  /** The repository, absolute. */
  root: string;
  /** This run's temporary folder (outside the repository). */
  work: string;
  /** The user's project the tarballs are installed into: `<work>/app`. */
  app: string;
  /** Where this tool's fixtures are. */
  fixtures: string;
  /** The public packages, from the workspaces. */
  packages: WorkspacePackage[];
  /** The one version of the release group. */
  version: string;
  packed: Packed[];
  registry?: LocalRegistry;
  /** The @tensorflow/tfjs-core version the repository pins, installed as the user's peer. */
  tfjsVersion: string;
}

/** A binary of the repository's own dev dependencies (typescript, vite), run with this Node. */
export function rootBin(context: Context, ...path: string[]): string {
  return join(context.root, 'node_modules', ...path);
}

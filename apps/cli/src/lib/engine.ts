import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type BackendChoice } from '@framewise/core';
import '@framewise/backend-cpu';
import '@framewise/backend-cuda';
import '@framewise/backend-webgpu';
import '@framewise/backend-webgl';
import { UsageError } from './args.js';
import type { Io } from './terminal.js';

/**
 * Backend choices of the CLI: an adapter name, or `auto` (cuda > webgpu > webgl > cpu; webgl
 * is listed so that asking for it in Node says why it cannot run).
 */
export const BACKEND_CHOICES = ['auto', 'cpu', 'webgpu', 'webgl', 'cuda'] as const;
export type BackendName = (typeof BACKEND_CHOICES)[number];

/** A `--backend` value, checked: a usage error names the choices and what came. */
export function parseBackend(value: string): BackendName {
  if (!(BACKEND_CHOICES as readonly string[]).includes(value)) {
    throw new UsageError(
      `--backend must be one of ${BACKEND_CHOICES.join(', ')}, received '${value}'`,
    );
  }
  return value as BackendName;
}

/** Activates a backend through its adapter; the choice and its reasons go to stderr. */
export async function startBackend(name: BackendName, io: Io): Promise<BackendChoice> {
  const choice = await useBackend(name, { log: (line) => io.err(line) });
  await tf.ready();
  return choice;
}

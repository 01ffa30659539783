import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type BackendChoice } from '@framewise/core';
import '@framewise/backend-cpu';
import '@framewise/backend-cuda';
import '@framewise/backend-webgpu';
import type { Io } from './io.js';

/** Backend choices of the CLI: an adapter name, or `auto` (cuda > webgpu > cpu). */
export const BACKEND_CHOICES = ['auto', 'cpu', 'webgpu', 'cuda'] as const;
export type BackendName = (typeof BACKEND_CHOICES)[number];

/** Activates a backend through its adapter; the choice and its reasons go to stderr. */
export async function startBackend(name: BackendName, io: Io): Promise<BackendChoice> {
  const choice = await useBackend(name, { log: (line) => io.err(line) });
  await tf.ready();
  return choice;
}

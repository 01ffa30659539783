/** The messages between io and its HDF5 reading worker (hdf5-worker.ts, hdf5-worker-main.ts). */
import type { SnapshotNode } from './hdf5-snapshot.js';
import type { WalkLimits } from './hdf5-walk.js';

/** One file to read. */
export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  /** Read dataset values (false: names, shapes and attributes only). */
  values: boolean;
  /** The walk's limits; `timeMs` becomes its deadline once the worker starts on the file. */
  limits: Omit<WalkLimits, 'deadline'> & { timeMs: number };
}

/** Why a file was refused: the HDF5 path at fault and what is wrong there. */
export interface Refusal {
  location: string;
  message: string;
}

/** What the worker answers to one file. */
export type WorkerReply = { id: number; aborted?: boolean } & (
  { root: SnapshotNode } | { openError: string } | { refused: Refusal } | { error: string }
);

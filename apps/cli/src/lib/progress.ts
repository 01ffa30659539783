import { ProgressBar } from '@framewise/core';
import { processIo, type Io } from './terminal.js';

/**
 * What the commands need from a progress display: the count of finished units
 * out of a total, and an end. `predict` reports batches through it; the bar
 * itself is core's, drawn only when stderr is a terminal.
 */
export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

/** A progress display that shows nothing: for pipes, CI logs and tests. */
export const silentProgress: Progress = { update: () => undefined, finish: () => undefined };

/**
 * The progress display for the process' own stderr: core's bar when stderr is a
 * terminal, nothing otherwise (pipes, CI logs, tests with their own `Io`). `title` names
 * what is counted: predict's batches, stream's steps.
 */
export function terminalProgress(io: Io, title = 'Batches'): (total: number) => Progress {
  if (io !== processIo || !process.stderr.isTTY) return () => silentProgress;
  return (total) => {
    const bar = new ProgressBar({ total, title, stream: process.stderr });
    return { update: (done) => bar.update(done), finish: () => bar.done() };
  };
}

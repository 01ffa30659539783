/**
 * Holds SIGINT and SIGTERM back while a save has temporary files on disk:
 * the handler (installed only while a save is in flight) marks the saves as
 * interrupted; each stops at its next step, removes its temporary files, and
 * once none is left the signal is raised again with the default behaviour
 * (the process ends as it would have). A second signal does not wait: the
 * temporaries are removed there and then and the signal is raised at once.
 * Where the application has its own listener, the signal is left to it, and
 * `process.exit()` (from it or elsewhere) removes the temporaries. Node only.
 * @internal
 */
import type * as NodeFs from 'node:fs';

/** One save in flight: its id and the temporary files it has created so far. */
export interface SaveInFlight {
  readonly id: string;
  readonly temps: string[];
  /** Set when a signal arrived; the save stops at its next step. */
  interrupted: NodeJS.Signals | undefined;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
const inFlight = new Map<string, SaveInFlight>();
let fs: typeof NodeFs | undefined;
let pending: NodeJS.Signals | undefined;

function removeTemps(): void {
  for (const save of inFlight.values()) {
    for (const t of save.temps) {
      try {
        fs?.rmSync(t, { force: true });
      } catch {
        // Nothing more can be done while the process ends.
      }
    }
  }
}

function reraise(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function onSignal(signal: NodeJS.Signals): void {
  // Where the application listens too, it decides what the signal does (a graceful
  // shutdown may wait for this save); the process does not end by default then.
  if (process.listenerCount(signal) > 1) return;
  if (pending !== undefined) {
    removeTemps();
    inFlight.clear();
    uninstall();
    pending = undefined;
    reraise(signal);
    return;
  }
  pending = signal;
  for (const save of inFlight.values()) save.interrupted = signal;
}

function install(): void {
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', removeTemps);
}

function uninstall(): void {
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off('exit', removeTemps);
}

/** Registers a save; the handlers are installed with the first one. */
export function beginSave(nodeFs: typeof NodeFs, save: SaveInFlight): void {
  fs = nodeFs;
  if (inFlight.size === 0) install();
  inFlight.set(save.id, save);
  if (pending !== undefined) save.interrupted = pending;
}

/**
 * Unregisters a save whose temporaries are gone (moved in or removed); with
 * the last one the handlers go, and a signal that arrived meanwhile is raised again.
 */
export function endSave(save: SaveInFlight): void {
  if (!inFlight.delete(save.id) || inFlight.size > 0) return;
  uninstall();
  const signal = pending;
  pending = undefined;
  if (signal !== undefined) reraise(signal);
}

/** Ids of the saves this process has in flight (recovery must leave them alone). */
export function liveSaveIds(): ReadonlySet<string> {
  return new Set(inFlight.keys());
}

/**
 * Holds SIGINT and SIGTERM back while a save has temporary files on disk:
 * the handler marks the saves as interrupted; each stops at its next step,
 * removes its temporary files, and once none is left the signal is raised
 * again with the default behaviour (the process ends as it would have). A
 * second signal does not wait: the temporaries are removed there and then and
 * the signal is raised at once. Where the application has its own listener,
 * the signal is left to it, and `process.exit()` (from it or elsewhere)
 * removes the temporaries. Node only.
 *
 * The handler stays installed after the first save, and raises a signal that
 * finds no save in flight at once. Node hands a signal to JavaScript a turn
 * of the event loop after it arrives, and drops it if the last listener went
 * in between: removing the handler as a save ended lost a SIGTERM that came
 * during the save's last step, and the process ran on.
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
let listening = false;

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
  if (pending !== undefined || inFlight.size === 0) {
    removeTemps();
    inFlight.clear();
    process.off('exit', removeTemps);
    stopListening();
    pending = undefined;
    reraise(signal);
    return;
  }
  pending = signal;
  for (const save of inFlight.values()) save.interrupted = signal;
}

function listen(): void {
  if (listening) return;
  listening = true;
  for (const s of SIGNALS) process.on(s, onSignal);
}

// Only to raise a signal again: with no listener left it takes its default action.
function stopListening(): void {
  listening = false;
  for (const s of SIGNALS) process.off(s, onSignal);
}

/** Registers a save; the signal handler is installed with the first one and stays. */
export function beginSave(nodeFs: typeof NodeFs, save: SaveInFlight): void {
  fs = nodeFs;
  listen();
  if (inFlight.size === 0) process.on('exit', removeTemps);
  inFlight.set(save.id, save);
  if (pending !== undefined) save.interrupted = pending;
}

/**
 * Unregisters a save whose temporaries are gone (moved in or removed); with
 * the last one, a signal that arrived meanwhile is raised again.
 */
export function endSave(save: SaveInFlight): void {
  if (!inFlight.delete(save.id) || inFlight.size > 0) return;
  process.off('exit', removeTemps);
  const signal = pending;
  pending = undefined;
  if (signal !== undefined) {
    stopListening();
    reraise(signal);
  }
}

/** Ids of the saves this process has in flight (recovery must leave them alone). */
export function liveSaveIds(): ReadonlySet<string> {
  return new Set(inFlight.keys());
}

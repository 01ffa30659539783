/**
 * The record that makes replacing several files one step, and the two ways
 * back from a half-done replacement: rolling it back in the process that
 * failed, and recovering it later in another process after a kill.
 *
 * Names, all beside their target so every rename stays on one filesystem:
 * - `<target>.tmp-<id>`: a new file being written, or complete and not yet moved in;
 * - `<target>.bak-<id>`: the previous file, moved aside while the new set goes in;
 * - `.framewise-save-<id>.json` (in the last target's folder): the journal, written
 *   before any target is touched and removed once every new file is in place. Its
 *   removal is the commit: while it exists, the save can be undone.
 *
 * `<id>` is `<pid>-<time>-<random>`; a leftover whose process is not alive on
 * this machine is an orphan, and recovery restores the previous files from it.
 * Everything here is synchronous: a rollback or commit runs in one go, so no
 * signal handler or other callback can run in the middle of it.
 * @internal
 */
import type * as NodeFs from 'node:fs';

type Fs = typeof NodeFs;

/** What was at a target before the save: a file or link (moved aside), nothing, or something else (left alone). */
export type Before = 'file' | 'none' | 'other';

export interface JournalEntry {
  target: string;
  before: Before;
}

export interface Journal {
  pid: number;
  id: string;
  files: JournalEntry[];
}

const ID = '(\\d+)-[0-9a-z]+-[0-9a-z]+';
const LEFTOVER = new RegExp(`^(.+)\\.(tmp|bak)-(${ID})$`);
const JOURNAL = new RegExp(`^\\.framewise-save-(${ID})\\.json$`);

/** A fresh id for one save, unique across processes and calls. */
export function newSaveId(): string {
  return `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8) || '0'}`;
}

export const tempPath = (target: string, id: string): string => `${target}.tmp-${id}`;
export const backupPath = (target: string, id: string): string => `${target}.bak-${id}`;
export const journalPath = (dir: string, id: string): string => `${dir}.framewise-save-${id}.json`;

/** Whether something (file, link, folder) is at `path`, without following a final link. */
export function present(fs: Fs, path: string): boolean {
  try {
    fs.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** What is at `target` now, as the journal records it. */
export function before(fs: Fs, target: string): Before {
  try {
    return fs.lstatSync(target).isDirectory() ? 'other' : 'file';
  } catch {
    return 'none';
  }
}

/** Writes the journal durably; it must be complete before any target is touched. */
export function writeJournal(fs: Fs, path: string, journal: Journal): void {
  const fd = fs.openSync(path, 'wx');
  try {
    fs.writeSync(fd, JSON.stringify(journal));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Puts every target back as the journal found it and removes the save's
 * temporary files. Returns what could not be done (empty when all is back).
 */
export function rollBack(fs: Fs, journal: Journal): string[] {
  const problems: string[] = [];
  const attempt = (what: string, step: () => void): void => {
    try {
      step();
    } catch (e) {
      problems.push(`${what}: ${(e as Error).message}`);
    }
  };
  for (const { target, before: was } of journal.files.slice().reverse()) {
    const temp = tempPath(target, journal.id);
    const backup = backupPath(target, journal.id);
    if (was === 'file' && present(fs, backup)) {
      attempt(`restoring ${target}`, () => fs.renameSync(backup, target));
    } else if (was === 'none' && !present(fs, temp) && present(fs, target)) {
      // The temporary is gone and the target exists: it was moved in by this save.
      attempt(`removing the new ${target}`, () => fs.rmSync(target, { force: true }));
    }
    attempt(`removing ${temp}`, () => fs.rmSync(temp, { force: true }));
  }
  return problems;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Undoes the saves in `dir` that a dead process left half-done, and removes
 * leftovers of saves that finished or never started moving files: a journal
 * means "not committed" (restore the previous files), a backup without one
 * means "committed" (drop the backup), a temporary is always dropped.
 * `ownLive` holds the ids of saves this process has in flight.
 */
export function recoverDirectory(fs: Fs, dir: string, ownLive: ReadonlySet<string>): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir || '.');
  } catch {
    return;
  }
  const orphan = (id: string, pid: string): boolean =>
    Number(pid) === process.pid ? !ownLive.has(id) : !alive(Number(pid));
  for (const name of names) {
    const m = JOURNAL.exec(name);
    const id = m?.[1];
    if (!id || !orphan(id, m[2] ?? '')) continue;
    const path = dir + name;
    let journal: Journal | undefined;
    try {
      journal = JSON.parse(fs.readFileSync(path, 'utf8')) as Journal;
    } catch {
      // Cut short while being written: no target was touched yet.
    }
    if (journal && Array.isArray(journal.files) && journal.id === id) {
      if (rollBack(fs, journal).length > 0) continue; // keep the record for a later try
    }
    fs.rmSync(path, { force: true });
  }
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    const id = m?.[3];
    if (!id || !orphan(id, m[4] ?? '')) continue;
    // A backup whose journal survived a failed rollback is still the only copy of a previous file.
    if (m[2] === 'bak' && present(fs, journalPath(dir, id))) continue;
    try {
      fs.rmSync(dir + name, { force: true });
    } catch {
      // Best effort: a leftover that cannot go now is tried again next time.
    }
  }
}

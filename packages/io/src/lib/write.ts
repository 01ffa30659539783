/**
 * Writing a set of files (a `to_json` file and its weights, a `model.json` and
 * its shards) as one step: afterwards the targets hold either the complete
 * previous set or the complete new one, never a mix, even when the process is
 * killed in the middle. Node only (lazy `node:fs`): browsers have no paths.
 *
 * Why this protocol: a POSIX rename replaces one file atomically, never
 * several, and a folder cannot be swapped in over a folder that holds other
 * files (a `to_json` file and its weights sit among the user's own files). So:
 * 1. every new file is written and synced under a temporary name beside its
 *    target; a failure or signal here removes them and touches no target;
 * 2. a journal naming the targets is written; from here the save can be undone;
 * 3. each previous file is renamed aside and the new one renamed in; any
 *    failure renames the previous files back (`rollBack`);
 * 4. removing the journal commits; the set-aside files are then deleted.
 * Steps 2-4 are synchronous, so nothing else runs in between. After a kill in
 * step 3 a reader without recovery finds a file missing, never a mix; the next
 * save to, or `loadModel`/`loadWeights` from, that folder rolls it back first
 * (see ./save-journal.ts).
 */
import type * as NodeFs from 'node:fs';
import { ModelFileError } from './errors.js';
import {
  backupPath,
  before,
  newSaveId,
  present,
  recoverDirectory,
  rollBack,
  tempPath,
  journalPath,
  writeJournal,
  type Journal,
} from './save-journal.js';
import { beginSave, endSave, liveSaveIds, type SaveInFlight } from './save-signals.js';

type Fs = typeof NodeFs;

/**
 * Writes all files or none (Node): afterwards the targets hold either every
 * new file or, on failure, exactly what they held before, with no temporary
 * file left behind, even if the process is killed or interrupted (SIGINT,
 * SIGTERM) midway. A failure is a `ModelFileError` naming the file and saying
 * what is on disk. Returns the paths written.
 */
export async function writeFilesAtomically(
  files: { path: string; bytes: Uint8Array }[],
  options: { makeDirectory?: string } = {},
): Promise<string[]> {
  const last = files[files.length - 1];
  if (typeof process === 'undefined' || typeof process.versions?.node !== 'string') {
    throw new ModelFileError(
      files[0]?.path ?? '<target>',
      undefined,
      'saving to a path needs Node.js',
    );
  }
  if (!last) return [];
  const twice = files.find((f, i) => files.findIndex((g) => g.path === f.path) !== i);
  if (twice) {
    throw new ModelFileError(twice.path, undefined, 'named twice in one save; nothing was written');
  }
  const fs = await import('node:fs');
  const save: SaveInFlight = { id: newSaveId(), temps: [], interrupted: undefined };
  beginSave(fs, save);
  try {
    const dirs = new Set(files.map((f) => splitPath(f.path).dir));
    for (const dir of dirs) recoverDirectory(fs, dir, liveSaveIds());
    await writeTemporaries(fs, files, save, options.makeDirectory);
    commit(fs, files, save.id, journalPath(splitPath(last.path).dir, save.id));
    save.temps.length = 0;
  } finally {
    endSave(save);
  }
  return files.map((f) => f.path);
}

/** Step 1: every new file complete under its temporary name, or none left. */
async function writeTemporaries(
  fs: Fs,
  files: { path: string; bytes: Uint8Array }[],
  save: SaveInFlight,
  makeDirectory: string | undefined,
): Promise<void> {
  let current = files[0]?.path ?? '<target>';
  try {
    // A tfjs model goes to a folder of its own, created like tfjs' file:// handler does.
    if (makeDirectory) await fs.promises.mkdir(makeDirectory, { recursive: true });
    for (const f of files) {
      current = f.path;
      const temp = tempPath(f.path, save.id);
      save.temps.push(temp);
      const handle = await fs.promises.open(temp, 'wx');
      try {
        await handle.writeFile(f.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (save.interrupted) throw new Error(`interrupted by ${save.interrupted}`);
    }
  } catch (e) {
    const left = removeAll(fs, save.temps);
    save.temps.length = 0;
    throw new ModelFileError(
      current,
      undefined,
      `cannot write (${(e as Error).message}); no file was replaced: ${unchanged(fs, files)}${left || ', and no temporary file is left'}`,
      e,
    );
  }
}

/** Steps 2-4; on failure the previous files are back, or the message says where each one is. */
function commit(
  fs: Fs,
  files: { path: string; bytes: Uint8Array }[],
  id: string,
  journalFile: string,
): void {
  const journal: Journal = {
    pid: process.pid,
    id,
    files: files.map((f) => ({ target: f.path, before: before(fs, f.path) })),
  };
  let current = journalFile;
  try {
    writeJournal(fs, journalFile, journal);
    for (const { target, before: was } of journal.files) {
      current = target;
      if (was === 'file') fs.renameSync(target, backupPath(target, id));
      fs.renameSync(tempPath(target, id), target);
    }
    current = journalFile;
    fs.rmSync(journalFile);
  } catch (e) {
    const problems = rollBack(fs, journal);
    if (problems.length === 0) problems.push(...tryRemove(fs, journalFile));
    let state: string;
    if (problems.length === 0) {
      state = `no file was replaced: ${unchanged(fs, files)}, and no temporary file is left`;
    } else {
      const aside = journal.files
        .map((f) => backupPath(f.target, id))
        .filter((b) => present(fs, b));
      state =
        `putting the previous files back failed too (${problems.join('; ')}); ` +
        (aside.length ? `previous files are still at ${aside.join(', ')}; ` : '') +
        `${journalFile} records the save, and the next save to this folder or load from it ` +
        `puts the previous files back`;
    }
    throw new ModelFileError(
      current,
      undefined,
      `cannot write (${(e as Error).message}); ${state}`,
      e,
    );
  }
  syncDirectory(fs, splitPath(journalFile).dir);
  // Committed: the set-aside previous files are no longer needed; recovery removes any left here.
  removeAll(
    fs,
    journal.files.filter((f) => f.before === 'file').map((f) => backupPath(f.target, id)),
  );
}

/** "a and b are as before, c was not created" for the targets of a save that changed nothing. */
function unchanged(fs: Fs, files: { path: string }[]): string {
  const kept = files.filter((f) => before(fs, f.path) !== 'none').map((f) => f.path);
  const absent = files.filter((f) => before(fs, f.path) === 'none').map((f) => f.path);
  const parts = [
    kept.length ? `${kept.join(', ')} ${kept.length === 1 ? 'is' : 'are'} as before` : '',
    absent.length ? `${absent.join(', ')} ${absent.length === 1 ? 'was' : 'were'} not created` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/** Removes a file if there; returns what went wrong, if anything. */
function tryRemove(fs: Fs, path: string): string[] {
  try {
    fs.rmSync(path, { force: true });
    return [];
  } catch (e) {
    return [`removing ${path}: ${(e as Error).message}`];
  }
}

/** Removes files; returns '' or a sentence naming those that stayed. */
function removeAll(fs: Fs, paths: string[]): string {
  const stayed = paths.filter((p) => tryRemove(fs, p).length > 0);
  return stayed.length ? `; the temporary ${stayed.join(', ')} could not be removed` : '';
}

/** Makes the renames durable across a power loss where the platform allows it (not on Windows). */
function syncDirectory(fs: Fs, dir: string): void {
  try {
    const fd = fs.openSync(dir || '.', 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Best effort: the save is complete either way.
  }
}

/**
 * Rolls back saves that a killed process left half-done around a source path
 * (its folder, and the path itself when it is a folder), so a reader sees a
 * complete set. Does nothing outside Node, for URLs and for non-path sources.
 * @internal
 */
export async function recoverInterruptedSaves(path: unknown): Promise<void> {
  if (typeof path !== 'string' || /^[a-z][a-z0-9+.-]+:/i.test(path)) return;
  if (typeof process === 'undefined' || typeof process.versions?.node !== 'string') return;
  const fs = await import('node:fs');
  recoverDirectory(fs, splitPath(path).dir, liveSaveIds());
  if (await isDirectory(path)) {
    recoverDirectory(fs, `${path.replace(/[\\/]+$/, '')}/`, liveSaveIds());
  }
}

/** Directory part and file part of a path (either separator). */
export function splitPath(path: string): { dir: string; base: string } {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? { dir: '', base: path } : { dir: path.slice(0, i + 1), base: path.slice(i + 1) };
}

/** True when `path` is an existing directory (Node). */
export async function isDirectory(path: string): Promise<boolean> {
  const fs = await import('node:fs/promises');
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writing files without ever leaving a half-written one: each file goes to a
 * temporary name beside its target and is renamed into place once complete;
 * on any failure the temporary files are removed and no target is touched.
 * Node only (lazy `node:fs`), since browsers have no paths to write to.
 */
import { at } from '@framewise/core';
import { ModelFileError } from './errors.js';

/**
 * Writes all files or none of the new ones (Node): each goes to a temporary name
 * beside its target and is renamed into place once every one is complete, so a
 * full disk or a kill never leaves a half-written file. A failure is a
 * `ModelFileError` naming the file. Returns the paths written.
 */
export async function writeFilesAtomically(
  files: { path: string; bytes: Uint8Array }[],
  options: { makeDirectory?: string } = {},
): Promise<string[]> {
  if (typeof process === 'undefined' || typeof process.versions?.node !== 'string') {
    throw new ModelFileError(
      files[0]?.path ?? '<target>',
      undefined,
      'saving to a path needs Node.js',
    );
  }
  const fs = await import('node:fs/promises');
  const temps: string[] = [];
  const suffix = `.tmp-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    // A tfjs model goes to a folder of its own, created like tfjs' file:// handler does.
    if (options.makeDirectory) await fs.mkdir(options.makeDirectory, { recursive: true });
    for (const f of files) {
      const temp = f.path + suffix;
      temps.push(temp);
      await fs.writeFile(temp, f.bytes, { flag: 'wx' });
    }
    for (const [i, f] of files.entries()) await fs.rename(at(temps, i, 'temporary file'), f.path);
  } catch (e) {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true }).catch(() => undefined)));
    const failed = at(files, Math.max(0, temps.length - 1), 'file being written');
    throw new ModelFileError(
      failed.path,
      undefined,
      `cannot write (${(e as Error).message}); nothing was written`,
      e,
    );
  }
  return files.map((f) => f.path);
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

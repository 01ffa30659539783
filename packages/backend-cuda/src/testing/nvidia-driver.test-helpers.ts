import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'framewise-nvidia-'));
  made.push(dir);
  return dir;
}

/** A real executable standing for `nvidia-smi`: prints `stdout` and exits with `code`. */
export function fakeNvidiaSmi(stdout: string, code = 0): string {
  const file = join(tempDir(), 'nvidia-smi');
  const quoted = `'${stdout.replaceAll("'", "'\\''")}'`;
  writeFileSync(file, `#!/bin/sh\nprintf '%s' ${quoted}\nexit ${code}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A real folder laid out like /proc/driver/nvidia, with one `information` file per GPU. */
export function fakeProcDriver(
  version: string,
  gpus: { bus: string; information: string }[],
): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'version'), version);
  mkdirSync(join(dir, 'gpus'));
  for (const gpu of gpus) {
    mkdirSync(join(dir, 'gpus', gpu.bus));
    writeFileSync(join(dir, 'gpus', gpu.bus, 'information'), gpu.information);
  }
  return dir;
}

/** A path where nothing is: no nvidia-smi, no /proc/driver/nvidia. */
export function nowhere(): string {
  return join(tempDir(), 'absent');
}

/** Deletes every folder these helpers made. */
export function removeFakeDrivers(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** What the NVIDIA driver reports, whatever TensorFlow made of it. */
export interface NvidiaDevices {
  /** Driver version, e.g. `550.54.15`, when it could be read. */
  driver?: string;
  /** One entry per GPU the driver lists: `GPU 0: NVIDIA H100 80GB HBM3`. */
  gpus: string[];
}

/** Where to ask; the defaults are the system's. Other values are for tests and tooling. */
export interface NvidiaDeviceSources {
  /** The `nvidia-smi` command; default `nvidia-smi` from PATH. */
  nvidiaSmi?: string;
  /** The driver's /proc folder (Linux); default `/proc/driver/nvidia`. */
  procDriverDir?: string;
}

/**
 * Asks the NVIDIA driver which GPUs it sees, through `nvidia-smi` and else
 * /proc/driver/nvidia, so that a probe can tell "no driver" from "no GPU"
 * from "TensorFlow could not use the GPU". Undefined when no driver answers.
 */
export async function findNvidiaDevices(
  sources: NvidiaDeviceSources = {},
): Promise<NvidiaDevices | undefined> {
  return (
    (await fromNvidiaSmi(sources.nvidiaSmi ?? 'nvidia-smi')) ??
    (await fromProc(sources.procDriverDir ?? '/proc/driver/nvidia'))
  );
}

async function fromNvidiaSmi(command: string): Promise<NvidiaDevices | undefined> {
  const { execFile } = await import('node:child_process');
  const stdout = await new Promise<string | undefined>((resolve) => {
    execFile(
      command,
      ['--query-gpu=index,name,driver_version', '--format=csv,noheader'],
      { timeout: 10_000, windowsHide: true },
      // A missing command or a driver that does not answer (exit 9) both mean: ask /proc.
      (error, out) => resolve(error ? undefined : out),
    );
  });
  if (stdout === undefined) return undefined;
  const rows = stdout
    .split(/\r?\n/)
    .map((line) => /^(\d+),\s*(.+?),\s*(\d[\d.]*)\s*$/.exec(line))
    .filter((match) => match !== null);
  const driver = rows[0]?.[3];
  return {
    ...(driver ? { driver } : {}),
    gpus: rows.map(([, index, name]) => `GPU ${index}: ${name}`),
  };
}

async function fromProc(dir: string): Promise<NvidiaDevices | undefined> {
  const { readFile, readdir } = await import('node:fs/promises');
  const { join } = await import('node:path');
  let version: string;
  try {
    version = await readFile(join(dir, 'version'), 'utf8');
  } catch {
    return undefined;
  }
  const driver = /Kernel Module(?:\s+for\s+\S+)?\s+(\d+(?:\.\d+)+)/.exec(version)?.[1];
  const buses = await readdir(join(dir, 'gpus')).catch(() => [] as string[]);
  const gpus: { minor: number; text: string }[] = [];
  for (const bus of buses) {
    const info = await readFile(join(dir, 'gpus', bus, 'information'), 'utf8').catch(() => '');
    const model = /^Model:\s*(.+?)\s*$/m.exec(info)?.[1] ?? 'NVIDIA GPU';
    const minor = Number(/^Device Minor:\s*(\d+)/m.exec(info)?.[1] ?? gpus.length);
    gpus.push({ minor, text: `GPU ${minor}: ${model}` });
  }
  gpus.sort((a, b) => a.minor - b.minor);
  return { ...(driver ? { driver } : {}), gpus: gpus.map((g) => g.text) };
}

/** What the numbers were measured on. */
import * as os from 'node:os';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { version_layers } from '@tensorflow/tfjs-layers';

export interface MachineInfo {
  cpuModel: string;
  /** Cores this process may use (`nproc`). */
  cores: number;
  memoryGiB: number;
  platform: string;
  node: string;
  tfjsCore: string;
  tfjsLayers: string;
  date: string;
  /** 1-, 5- and 15-minute load averages when the run started; other work on the machine skews timings. */
  loadAverage: number[];
  /** The GPU machine's `nvidia-smi` line (name, driver, memory), where the GPU entry ran. */
  nvidiaSmi?: string;
}

/** CPU model from /proc/cpuinfo where it exists, else from Node. */
function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    tfjsCore: tf.version_core,
    tfjsLayers: version_layers,
    date: new Date().toISOString(),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

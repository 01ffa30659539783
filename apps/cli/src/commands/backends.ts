import { at, probeBackends } from '@framewise/core';
import '../lib/engine.js';
import type { Io } from '../lib/terminal.js';

/** Options of `framewise backends`. */
export interface BackendsOptions {
  json: boolean;
}

function table(rows: string[][]): string[] {
  const widths = at(rows, 0, 'header row').map((_, c) =>
    Math.max(...rows.map((r) => (r[c] ?? '').length)),
  );
  return rows.map((r) =>
    r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  '),
  );
}

/**
 * `framewise backends`: every registered backend adapter, the engine it runs,
 * whether it is available here and why (or what to install). Returns the exit code.
 */
export async function backends(options: BackendsOptions, io: Io): Promise<number> {
  const probes = await probeBackends();
  if (options.json) {
    io.out(JSON.stringify(probes, null, 2));
    return 0;
  }
  const rows = probes.map((p) => [
    p.name,
    String(p.priority),
    p.engine,
    p.available ? (p.software ? 'yes (software)' : 'yes') : 'no',
    p.reason,
  ]);
  table([['adapter', 'priority', 'engine', 'available', 'why'], ...rows]).forEach((line) =>
    io.out(line),
  );
  return 0;
}

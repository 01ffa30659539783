import { spawnSync } from 'node:child_process';
import { defaultDawnOptions } from '../lib/gpu-sources.js';
import { DAWN_MISSING, dawnLoadFailed, noAdapterInNode } from '../lib/install-hints.js';

/** Whether Dawn finds an adapter in this environment, and if not, what to install. */
export interface DawnCheck {
  available: boolean;
  /** The adapter found, or what is missing and how to get it. */
  reason: string;
}

// Runs in a child Node: test files must decide between describe and describe.skip
// synchronously, and only an adapter request answers whether the drivers work.
const CHECK_SCRIPT = `
const say = (o) => process.stdout.write(JSON.stringify(o));
let dawn;
try { dawn = await import('webgpu'); }
catch (e) { say({ missing: e.code === 'ERR_MODULE_NOT_FOUND', message: e.message }); process.exit(0); }
Object.assign(globalThis, dawn.globals);
const adapter = await dawn.create(JSON.parse(process.argv[1])).requestAdapter();
say(adapter ? { found: adapter.info.description || adapter.info.vendor || 'an adapter' } : {});
`;

function vmModulesEnabled(): boolean {
  const flags = `${process.execArgv.join(' ')} ${process.env['NODE_OPTIONS'] ?? ''}`;
  return flags.includes('--experimental-vm-modules');
}

/**
 * Asks a child Node whether Dawn finds an adapter with this process' environment (which the
 * Jest preset's global setup gave Chromium's SwiftShader where there is one). Synchronous.
 */
export function checkDawn(): DawnCheck {
  if (process.env['JEST_WORKER_ID'] !== undefined && !vmModulesEnabled()) {
    return {
      available: false,
      reason: dawnLoadFailed('Jest runs without --experimental-vm-modules'),
    };
  }
  const child = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      CHECK_SCRIPT,
      JSON.stringify(defaultDawnOptions(process.platform)),
    ],
    { cwd: process.cwd(), env: { ...process.env }, encoding: 'utf8', timeout: 60_000 },
  );
  if (child.error || child.status !== 0) {
    const why = child.error?.message ?? child.stderr.trim().split('\n').slice(-3).join(' ');
    return { available: false, reason: `checking for a WebGPU adapter failed: ${why}` };
  }
  const answer = JSON.parse(child.stdout || '{}') as {
    found?: string;
    missing?: boolean;
    message?: string;
  };
  if (answer.found) return { available: true, reason: `Dawn found ${answer.found}` };
  if (answer.missing) return { available: false, reason: DAWN_MISSING };
  if (answer.message) return { available: false, reason: dawnLoadFailed(answer.message) };
  return { available: false, reason: noAdapterInNode(process.platform, false, process.env) };
}

import { entry } from '../checked.js';
import { BackendUnavailableError, ConfigError, InternalError } from '../errors.js';
import type { BackendAdapter, BackendProbe } from './adapter.js';
import { findBackend, registeredBackends } from './registry.js';

/** What `useBackend` did: the adapter it activated, and why the others were passed over. */
export interface BackendChoice extends BackendProbe {
  /** The adapter activated. */
  name: string;
  /** Where the choice came from. */
  requested: string;
  /** Adapters tried before it under `auto`, with the reason each was skipped. */
  skipped: { name: string; reason: string }[];
}

/** Options of `useBackend`. */
export interface UseBackendOptions {
  /** Where the choice is reported; default `console.info`. Pass `() => {}` for silence. */
  log?: (message: string) => void;
  /** Environment to read `FRAMEWISE_BACKEND` from; default `process.env` where there is one. */
  env?: Record<string, string | undefined>;
}

/** Every registered adapter's probe, highest priority first (for `framewise backends`). */
export async function probeBackends(): Promise<
  ({ name: string; priority: number } & BackendProbe)[]
> {
  return Promise.all(
    registeredBackends().map(async (a) => ({
      name: a.name,
      priority: a.priority,
      ...(await safeProbe(a.name)),
    })),
  );
}

async function safeProbe(name: string): Promise<BackendProbe> {
  try {
    return await registered(name).probe();
  } catch (e) {
    return { available: false, engine: 'unknown', reason: `probe failed: ${(e as Error).message}` };
  }
}

function registered(name: string): BackendAdapter {
  const adapter = findBackend(name);
  if (!adapter) throw new InternalError(`backend '${name}' was listed but is not registered`);
  return adapter;
}

function defaultEnv(): Record<string, string | undefined> {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env ?? {};
}

/**
 * Activates a backend adapter by name, or under `'auto'` the available one
 * with the highest priority (cuda > webgpu > webgl > cpu), passing over
 * software emulations (`software: true`) while a real engine is available.
 * `FRAMEWISE_BACKEND` overrides `'auto'`. Throws `BackendUnavailableError` saying what to install
 * when the requested adapter cannot run.
 */
export async function useBackend(
  choice = 'auto',
  options: UseBackendOptions = {},
): Promise<BackendChoice> {
  const log = options.log ?? ((m: string) => console.info(m));
  const forced = (options.env ?? defaultEnv())['FRAMEWISE_BACKEND'];
  const requested = choice === 'auto' && forced ? forced : choice;
  const names = registeredBackends().map((a) => a.name);
  if (requested !== 'auto' && !findBackend(requested)) {
    const origin = requested === forced && choice === 'auto' ? ' (from FRAMEWISE_BACKEND)' : '';
    throw new ConfigError(
      `unknown adapter '${requested}'${origin}; registered: ${names.join(', ') || 'none'} ` +
        `(import @framewise/backend-cpu, @framewise/backend-webgpu, @framewise/backend-webgl or @framewise/backend-cuda to register one)`,
    );
  }
  const candidates = requested === 'auto' ? names : [requested];
  const probes = new Map<string, BackendProbe>();
  for (const name of candidates) {
    const probe = await safeProbe(name);
    if (!probe.available && requested !== 'auto') {
      throw new BackendUnavailableError(`adapter '${name}' is not available: ${probe.reason}`);
    }
    probes.set(name, probe);
  }
  const available = candidates.filter((n) => entry(probes, n, 'backend probe').available);
  // Under auto, an emulation yields to any real engine below it.
  const chosen =
    available.find((n) => requested !== 'auto' || !entry(probes, n, 'backend probe').software) ??
    available[0];
  const above = chosen === undefined ? candidates : candidates.slice(0, candidates.indexOf(chosen));
  const skipped = above.map((name) => {
    const p = entry(probes, name, 'backend probe');
    return {
      name,
      reason: p.available ? `software emulation, slower than ${chosen} (${p.reason})` : p.reason,
    };
  });
  if (chosen !== undefined) {
    const active = await registered(chosen).activate();
    const why = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
    log(
      `framewise: using adapter '${chosen}' (${active.engine}): ${active.reason}${why ? `. Skipped ${why}` : ''}`,
    );
    return { ...active, name: chosen, requested, skipped };
  }
  throw new BackendUnavailableError(
    `no adapter is available: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ') || 'none is registered (import @framewise/backend-cpu)'}`,
  );
}

import { ConfigError, DuplicateRegistrationError } from '../errors.js';
import type { BackendAdapter } from './adapter.js';

const adapters = new Map<string, BackendAdapter>();

/** Adds a backend adapter; throws `DuplicateRegistrationError` naming it if the name is taken. */
export function registerBackend(adapter: BackendAdapter): void {
  if (
    !adapter ||
    typeof adapter.name !== 'string' ||
    adapter.name === '' ||
    typeof adapter.probe !== 'function'
  ) {
    throw new ConfigError(
      `registerBackend() expects an adapter {name, priority, probe, activate}, received ${String(adapter)}`,
    );
  }
  if (adapter.name === 'auto')
    throw new ConfigError(`'auto' is reserved for useBackend('auto') and cannot name an adapter`);
  if (adapters.has(adapter.name)) {
    throw new DuplicateRegistrationError(
      `adapter '${adapter.name}' is already registered; each name can be registered once`,
    );
  }
  adapters.set(adapter.name, adapter);
}

/** Removes a backend adapter (for tests); returns whether it was there. */
export function unregisterBackend(name: string): boolean {
  return adapters.delete(name);
}

/** Registered adapters, highest priority first. */
export function registeredBackends(): BackendAdapter[] {
  return [...adapters.values()].sort((a, b) => b.priority - a.priority);
}

/** The adapter with this name, or undefined. */
export function findBackend(name: string): BackendAdapter | undefined {
  return adapters.get(name);
}

import { resolveLimits } from './limits.js';
import type { TopologyContext } from './topology.js';
import type { LoadModelOptions } from './types.js';

/** The reading context for a file: limits, unknown-field policy, where warnings go. */
export function loadContext(file: string, options: LoadModelOptions = {}): TopologyContext {
  const policy = options.unknownFields ?? 'warn';
  if (policy !== 'warn' && policy !== 'error') {
    throw new TypeError(
      `unknownFields must be 'warn' or 'error', received ${JSON.stringify(policy)}`,
    );
  }
  return {
    file,
    limits: resolveLimits(options.limits),
    unknownFields: policy,
    warn: options.onWarning ?? ((message: string) => console.warn(message)),
  };
}

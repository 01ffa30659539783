import type { GpuAdapterInfoLike, GpuAdapterLike } from './webgpu-types.js';

/** What Framewise reports about a WebGPU adapter (probe `details`, error messages). */
export interface AdapterFacts {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A CPU rasterizer (SwiftShader, WARP, llvmpipe): correct, but no faster than the cpu backend. */
  software: boolean;
}

const EMPTY_INFO: GpuAdapterInfoLike = {
  vendor: '',
  architecture: '',
  device: '',
  description: '',
};
// Implementations that predate `isFallbackAdapter` still name their software rasterizers.
const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b/i;

/** The adapter's `GPUAdapterInfo`, also from browsers that only had `requestAdapterInfo()`. */
export async function adapterInfo(adapter: GpuAdapterLike): Promise<GpuAdapterInfoLike> {
  if (adapter.info) return adapter.info;
  return (await adapter.requestAdapterInfo?.()) ?? EMPTY_INFO;
}

/** Plain facts about an adapter, copied out of its live `GPUAdapterInfo`. */
export async function adapterFacts(adapter: GpuAdapterLike): Promise<AdapterFacts> {
  const info = await adapterInfo(adapter);
  const facts = {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
  };
  const named = Object.values(facts).join(' ');
  const software =
    info.isFallbackAdapter === true ||
    adapter.isFallbackAdapter === true ||
    SOFTWARE_NAMES.test(named);
  return { ...facts, software };
}

/**
 * How an adapter is named to users, e.g. `NVIDIA: 580.159.04 (nvidia, nvidia-h100-80gb-hbm3)`
 * (Dawn puts the driver in the description and the model in the device) or
 * `SwiftShader driver 5.0.0 (google swiftshader, swiftshader-device-subzero-, software)`.
 */
export function adapterLabel(facts: AdapterFacts): string {
  const name = facts.description || facts.device || 'unnamed adapter';
  const kind = [facts.vendor, facts.architecture].filter(Boolean).join(' ');
  const device = facts.description ? facts.device : '';
  const tags = [kind, device, facts.software ? 'software' : ''].filter(Boolean).join(', ');
  return tags ? `${name} (${tags})` : name;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Whether a user's adapter name picks this adapter: a case- and punctuation-blind substring of
 * its vendor, architecture, device, description or Dawn's name for it, so `'nvidia'`, `'H100'`,
 * `'swiftshader'` and `'SwiftShader Device (Subzero)'` all work.
 */
export function adapterMatches(facts: AdapterFacts, name: string, dawnName = ''): boolean {
  const wanted = normalise(name);
  if (wanted === '') return true;
  const fields = [facts.vendor, facts.architecture, facts.device, facts.description, dawnName];
  return fields.some((field) => normalise(field).includes(wanted));
}

import { BackendUnavailableError } from '@framewise/core';
import { adapterFacts, adapterLabel, adapterMatches, type AdapterFacts } from './adapter-info.js';
import {
  dawnAdapterNames,
  dawnNamedGpu,
  nodeProcess,
  swiftShaderGpu,
  systemGpu,
  type GpuSource,
} from './gpu-sources.js';
import { noAdapterInNode } from './install-hints.js';
import type { GpuAdapterLike, GpuRequestAdapterOptions } from './webgpu-types.js';

/** Which adapter to take; the adapter-related part of `WebgpuBackendOptions`. */
export interface AdapterRequest {
  powerPreference?: 'high-performance' | 'low-power';
  adapter?: string;
  softwareFallback?: boolean;
  dawnOptions?: string[];
}

/** An adapter that fits the request, fresh (no device requested from it yet). */
export interface ChosenAdapter {
  adapter: GpuAdapterLike;
  facts: AdapterFacts;
  source: GpuSource;
  /** What the system's drivers said when they gave no adapter (a SwiftShader fallback's reason). */
  driverMessages?: string[];
}

interface Candidate {
  adapter: GpuAdapterLike;
  facts: AdapterFacts;
}

/**
 * Finds the adapter a request asks for: by power preference, or by name among all adapters
 * found. Chromium's SwiftShader is tried only after the system's drivers gave nothing (Node,
 * Linux). Throws `BackendUnavailableError` with what to install, or the adapters found.
 */
export async function chooseAdapter(request: AdapterRequest): Promise<ChosenAdapter> {
  try {
    return await choose(request);
  } catch (e) {
    if (e instanceof BackendUnavailableError) throw e;
    // Dawn checks most of its options only when asked for an adapter.
    const options = request.dawnOptions
      ? ` (Dawn options [${request.dawnOptions.join(', ')}])`
      : '';
    throw new BackendUnavailableError(
      `the WebGPU adapter request failed${options}: ${(e as Error).message}`,
    );
  }
}

async function choose(request: AdapterRequest): Promise<ChosenAdapter> {
  const system = await systemGpu(request.dawnOptions);
  const found: Candidate[] = [];
  const fromSystem =
    (await pickFrom(system, request, found)) ?? (await pickByDawnName(system, request, found));
  if (fromSystem) return fromSystem;
  const software =
    request.softwareFallback === false
      ? undefined
      : await swiftShaderGpu(system, request.dawnOptions);
  const fromSoftware = software && (await pickFrom(software, request, found));
  const driverMessages = system.noAdapter?.messages ?? [];
  if (fromSoftware)
    return driverMessages.length ? { ...fromSoftware, driverMessages } : fromSoftware;

  if (request.adapter !== undefined) {
    const labels = new Set(found.map((c) => adapterLabel(c.facts)));
    throw new BackendUnavailableError(
      `no WebGPU adapter matches '${request.adapter}' (matched against vendor, architecture, ` +
        `device and description); adapters found: ${[...labels].join('; ') || 'none'}`,
    );
  }
  if (system.runtime === 'navigator.gpu') {
    throw new BackendUnavailableError(
      'navigator.gpu.requestAdapter() found no adapter: WebGPU may be disabled or blocked for ' +
        'this GPU (see chrome://gpu), or the GPU driver needs an update',
    );
  }
  const node = nodeProcess();
  throw new BackendUnavailableError(
    noAdapterInNode(node?.platform ?? 'unknown', software !== undefined, node?.env, driverMessages),
  );
}

async function pickFrom(
  source: GpuSource,
  request: AdapterRequest,
  found: Candidate[],
): Promise<ChosenAdapter | undefined> {
  if (source.noAdapter) return undefined;
  const preference = request.powerPreference ?? 'high-performance';
  if (request.adapter === undefined) {
    const adapter = await source.gpu.requestAdapter({ powerPreference: preference });
    return adapter ? { adapter, facts: await adapterFacts(adapter), source } : undefined;
  }
  const wanted = request.adapter;
  const candidates = await allAdapters(source, preference);
  found.push(...candidates);
  const match = candidates.find((c) => adapterMatches(c.facts, wanted));
  return match && { ...match, source };
}

/**
 * Node: the adapters that `requestAdapter()` never returns first (a second GPU, SwiftShader
 * beside a GPU) are reached through Dawn's own `adapter=` filter, one instance per name.
 */
async function pickByDawnName(
  system: GpuSource,
  request: AdapterRequest,
  found: Candidate[],
): Promise<ChosenAdapter | undefined> {
  if (request.adapter === undefined) return undefined;
  const preference = request.powerPreference ?? 'high-performance';
  for (const dawnName of await dawnAdapterNames(system, request.dawnOptions)) {
    const source = await dawnNamedGpu(request.dawnOptions, dawnName);
    const adapter = await source.gpu.requestAdapter({ powerPreference: preference });
    if (!adapter) continue;
    const facts = await adapterFacts(adapter);
    if (adapterMatches(facts, request.adapter, dawnName)) return { adapter, facts, source };
    found.push({ adapter, facts });
  }
  return undefined;
}

/**
 * WebGPU has no "list adapters": ask for each power preference and for the fallback
 * adapter, and keep the distinct answers, preferred one first.
 */
async function allAdapters(
  source: GpuSource,
  preference: 'high-performance' | 'low-power',
): Promise<Candidate[]> {
  const other = preference === 'high-performance' ? 'low-power' : 'high-performance';
  const requests: GpuRequestAdapterOptions[] = [
    { powerPreference: preference },
    { powerPreference: other },
    { forceFallbackAdapter: true },
  ];
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const options of requests) {
    const adapter = await source.gpu.requestAdapter(options);
    if (!adapter) continue;
    const facts = await adapterFacts(adapter);
    const key = JSON.stringify(facts);
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push({ adapter, facts });
  }
  return candidates;
}

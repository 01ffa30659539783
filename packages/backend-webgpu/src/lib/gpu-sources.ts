import { BackendUnavailableError, required } from '@framewise/core';
import {
  BROWSER_WITHOUT_WEBGPU,
  CHROMIUM_SWIFTSHADER_ICD,
  DAWN_MISSING,
  dawnLoadFailed,
  VULKAN_DRIVER_VARIABLES,
} from './install-hints.js';
import { checkSystemDrivers, type PreflightProcess } from './dawn-preflight.js';
import type { GpuLike } from './webgpu-types.js';

/** Where adapters come from: a browser's `navigator.gpu`, or a Dawn instance in Node. */
export interface GpuSource {
  readonly gpu: GpuLike;
  /** `'navigator.gpu'` where one was there already (browsers), `'dawn'` for the `webgpu` package. */
  readonly runtime: 'navigator.gpu' | 'dawn';
  /** A Dawn instance made to load Chromium's SwiftShader: the system's drivers offered nothing fitting. */
  readonly swiftShader: boolean;
  /**
   * Node: the system's drivers gave Dawn no adapter when asked in a child process, and these
   * are the messages it wrote there. Such a source is never asked for adapters in this
   * process, where the drivers would print the same warnings on the user's terminal.
   */
  readonly noAdapter?: { messages: string[] };
}

interface DawnModule {
  create(options: string[]): GpuLike;
  globals: Record<string, unknown>;
}

interface NodeProcess extends PreflightProcess {
  platform: string;
  versions: { node?: string };
}

function existsSync(node: NodeProcess, path: string): boolean {
  const fs = node.getBuiltinModule?.('node:fs') as
    { existsSync(path: string): boolean } | undefined;
  return fs?.existsSync(path) ?? false;
}

// A variable, not a literal: bundlers must not try to pack this optional Node-only addon.
const DAWN_PACKAGE = 'webgpu';

let dawn: Promise<DawnModule> | undefined;
/** The Dawn GPU this package put on `navigator.gpu`, told apart from a browser's own. */
let exposedGpu: GpuLike | undefined;
const dawnInstances = new Map<string, Promise<GpuSource>>();

/** The Node process, or undefined in browsers (where a `process` shim has no `versions.node`). */
export function nodeProcess(): NodeProcess | undefined {
  const p = (globalThis as { process?: NodeProcess }).process;
  return typeof p?.versions?.node === 'string' ? p : undefined;
}

/** Dawn's default options: Vulkan on Linux, where Dawn would otherwise also try OpenGL ES. */
export function defaultDawnOptions(platform: string | undefined): string[] {
  return platform === 'linux' ? ['backend=vulkan'] : [];
}

function existingNavigatorGpu(): GpuLike | undefined {
  return (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu ?? undefined;
}

/** Loads the `webgpu` package once (`specifier` is for tests); throws saying what to install. */
export function loadDawn(specifier = DAWN_PACKAGE): Promise<DawnModule> {
  if (specifier !== DAWN_PACKAGE) return importDawn(specifier);
  dawn ??= importDawn(specifier).catch((e: unknown) => {
    dawn = undefined;
    throw e;
  });
  return dawn;
}

async function importDawn(specifier: string): Promise<DawnModule> {
  let m: DawnModule;
  try {
    m = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as DawnModule;
  } catch (e) {
    const error = e as { code?: string; message?: string };
    // Only the package itself: a missing dawn.node inside it (an unsupported platform) is no
    // "npm install" away.
    const missing =
      (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND') &&
      (error.message ?? '').includes(`'${specifier}'`);
    throw new BackendUnavailableError(
      missing ? DAWN_MISSING : dawnLoadFailed(error.message ?? String(e)),
    );
  }
  // GPUBufferUsage, GPUMapMode ...: tfjs-backend-webgpu reads them as globals, as in a browser.
  for (const [key, value] of Object.entries(m.globals)) {
    if (!(key in globalThis)) Object.assign(globalThis, { [key]: value });
  }
  return m;
}

/** Makes Dawn's GPU the `navigator.gpu` of this Node process, as tfjs-backend-webgpu expects. */
function exposeAsNavigatorGpu(gpu: GpuLike): void {
  const g = globalThis as { navigator?: object };
  const nav = g.navigator ?? {};
  if (g.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', {
      value: nav,
      configurable: true,
      writable: true,
    });
  }
  if (!('gpu' in nav)) {
    Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true, enumerable: true });
  }
}

/**
 * The adapters' first source: `navigator.gpu` where it exists (browsers), else a Dawn instance
 * over the system's drivers. Throws `BackendUnavailableError` saying what to install.
 */
export async function systemGpu(dawnOptions: string[] | undefined): Promise<GpuSource> {
  const gpu = existingNavigatorGpu();
  if (gpu && gpu !== exposedGpu) return { gpu, runtime: 'navigator.gpu', swiftShader: false };
  const node = nodeProcess();
  if (!node) throw new BackendUnavailableError(BROWSER_WITHOUT_WEBGPU);
  const options = dawnOptions ?? defaultDawnOptions(node.platform);
  // Only the package's own entry: a test's stand-in module is not the real Dawn.
  const check = await checkSystemDrivers(node, options, DAWN_PACKAGE);
  const source = await dawnInstance(options, undefined);
  if (!gpu) {
    exposeAsNavigatorGpu(source.gpu);
    exposedGpu = source.gpu;
  }
  return check && !check.adapter ? { ...source, noAdapter: { messages: check.messages } } : source;
}

/**
 * A second Dawn instance that sees Chromium's SwiftShader driver, for machines whose own
 * Vulkan drivers give no adapter. Undefined where that does not apply: `system` is no Dawn
 * instance, the platform is not Linux, the user chose Vulkan drivers through the environment,
 * or there is no SwiftShader.
 */
export async function swiftShaderGpu(
  system: GpuSource,
  dawnOptions: string[] | undefined,
): Promise<GpuSource | undefined> {
  const node = nodeProcess();
  if (!node || system.runtime !== 'dawn' || node.platform !== 'linux') return undefined;
  if (VULKAN_DRIVER_VARIABLES.some((name) => node.env[name])) return undefined;
  if (!existsSync(node, CHROMIUM_SWIFTSHADER_ICD)) return undefined;
  return dawnInstance(dawnOptions ?? defaultDawnOptions(node.platform), CHROMIUM_SWIFTSHADER_ICD);
}

// No adapter has this name, so Dawn answers with the list of those it has.
const LIST_ADAPTERS = 'adapter=framewise: list every adapter';

/**
 * Dawn's names for all the adapters it sees ('SwiftShader Device (Subzero)', 'NVIDIA H100 80GB
 * HBM3'), also those that `requestAdapter()` never returns first: a second GPU, or SwiftShader
 * beside a GPU. Read from the error Dawn gives for an unknown `adapter=` name; [] if it changed.
 */
export async function dawnAdapterNames(
  system: GpuSource,
  dawnOptions: string[] | undefined,
): Promise<string[]> {
  const node = nodeProcess();
  if (!node || system.runtime !== 'dawn' || system.noAdapter) return [];
  const { create } = await loadDawn();
  const options = [...(dawnOptions ?? defaultDawnOptions(node.platform)), LIST_ADAPTERS];
  try {
    await create(options).requestAdapter();
    return [];
  } catch (e) {
    return [...String((e as Error).message).matchAll(/name: '([^'\n]+)'/g)].flatMap(
      (m) => m[1] ?? [],
    );
  }
}

/** A Dawn instance that offers only the adapters whose Dawn name contains `dawnName`. */
export function dawnNamedGpu(
  dawnOptions: string[] | undefined,
  dawnName: string,
): Promise<GpuSource> {
  const options = dawnOptions ?? defaultDawnOptions(nodeProcess()?.platform);
  return dawnInstance([...options, `adapter=${dawnName}`], undefined);
}

function dawnInstance(options: string[], icd: string | undefined): Promise<GpuSource> {
  const key = `${options.join(' ')}|${icd ?? ''}`;
  let instance = dawnInstances.get(key);
  if (!instance) {
    instance = createDawnInstance(options, icd);
    instance.catch(() => dawnInstances.delete(key));
    dawnInstances.set(key, instance);
  }
  return instance;
}

async function createDawnInstance(options: string[], icd: string | undefined): Promise<GpuSource> {
  const { create } = await loadDawn();
  const start = (): GpuLike => {
    try {
      return create(options);
    } catch (e) {
      throw new BackendUnavailableError(
        `Dawn did not start with options [${options.join(', ')}]: ${(e as Error).message}`,
      );
    }
  };
  if (icd === undefined) return { gpu: start(), runtime: 'dawn', swiftShader: false };
  // The Vulkan loader reads VK_ICD_FILENAMES when Dawn first enumerates adapters; the instance
  // keeps its drivers afterwards, so the variable is set only for that first request.
  const env = required(nodeProcess(), 'Node.js process').env;
  env['VK_ICD_FILENAMES'] = icd;
  try {
    const gpu = start();
    await gpu.requestAdapter();
    return { gpu, runtime: 'dawn', swiftShader: true };
  } finally {
    delete env['VK_ICD_FILENAMES'];
  }
}

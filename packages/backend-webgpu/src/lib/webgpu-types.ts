// The few parts of the WebGPU API this package touches, typed structurally so that neither
// Framewise nor its users need `@webgpu/types` (two versions of it sit in a tfjs install).

/** `GPUAdapterInfo`: what a browser or Dawn says about an adapter. */
export interface GpuAdapterInfoLike {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** Newer implementations flag software adapters (SwiftShader, WARP) here. */
  readonly isFallbackAdapter?: boolean;
}

/** A `GPUDevice`, as far as this package uses it; tfjs gets the real object. */
export interface GpuDeviceLike {
  readonly lost: Promise<unknown>;
  destroy(): void;
}

/** `GPUAdapter`. */
export interface GpuAdapterLike {
  readonly features: ReadonlySet<string>;
  readonly limits: Readonly<Record<string, number>>;
  /** Absent before Chrome 127; `requestAdapterInfo()` stood in for it. */
  readonly info?: GpuAdapterInfoLike;
  /** Where `info.isFallbackAdapter` is not implemented yet. */
  readonly isFallbackAdapter?: boolean;
  requestAdapterInfo?(): Promise<GpuAdapterInfoLike>;
  requestDevice(descriptor?: {
    requiredFeatures?: string[];
    requiredLimits?: Record<string, number>;
  }): Promise<GpuDeviceLike>;
}

/** Options of `GPU.requestAdapter()`. */
export interface GpuRequestAdapterOptions {
  powerPreference?: 'high-performance' | 'low-power';
  forceFallbackAdapter?: boolean;
}

/** `navigator.gpu`, or Dawn's `create()` result in Node. */
export interface GpuLike {
  requestAdapter(options?: GpuRequestAdapterOptions): Promise<GpuAdapterLike | null>;
}

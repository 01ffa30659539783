/** What a backend adapter found when asked whether it can run here. */
export interface BackendProbe {
  available: boolean;
  /**
   * The engine it runs or would run, by the name of its tfjs backend
   * (`'tensorflow'` for tfjs-node, `'wasm'`, `'cpu'`, `'webgpu'` ...); `reason`
   * and `details` say on what (build, threads, device).
   */
  engine: string;
  /** Why it is available (what it found), or why not and what to install. */
  reason: string;
  /**
   * True for a software emulation of the hardware (WebGPU or WebGL on
   * SwiftShader or llvmpipe, as the GPU adapter's or WebGL renderer's name says):
   * `useBackend('auto')` takes it only when no other adapter is available,
   * since it is slower than the cpu adapter it would outrank.
   */
  software?: boolean;
  /** Facts worth showing: versions, adapter name, thread count ... */
  details?: Record<string, string | number | boolean>;
}

/**
 * A backend adapter: Framewise's plugin, a plain object, that probes whether
 * its tfjs backends can run here and activates one. Register it with
 * `registerBackend`. (The Backends guide defines adapter, backend and engine.)
 */
export interface BackendAdapter {
  /** Unique name users pass to `useBackend` (`'cpu'`, `'webgpu'`, `'cuda'`). */
  readonly name: string;
  /** Higher wins under `useBackend('auto')` (cuda 300 > webgpu 200 > webgl 150 > cpu 100). */
  readonly priority: number;
  /** Checks, without changing the active backend, whether this adapter can run here. Never throws. */
  probe(): Promise<BackendProbe>;
  /**
   * Makes this adapter's tfjs backend the active one (`tf.setBackend`). Throws
   * `BackendUnavailableError` (saying what to install) when it cannot.
   */
  activate(): Promise<BackendProbe>;
}

/** What a backend adapter found when asked whether it can run here. */
export interface BackendProbe {
  available: boolean;
  /**
   * The TensorFlow.js engine it would run (`'tensorflow'` for tfjs-node,
   * `'wasm'`, `'cpu'`, `'webgpu'` ...), or the one it would have run.
   */
  engine: string;
  /** Why it is available (what it found), or why not and what to install. */
  reason: string;
  /**
   * True for a software emulation of the hardware (WebGPU on SwiftShader):
   * `useBackend('auto')` takes it only when no other adapter is available,
   * since it is slower than the cpu adapter it would outrank.
   */
  software?: boolean;
  /** Facts worth showing: versions, adapter name, thread count ... */
  details?: Record<string, string | number | boolean>;
}

/**
 * A backend adapter plugin: a plain object that knows how to find and start
 * one kind of compute backend. Register it with `registerBackend`.
 */
export interface BackendAdapter {
  /** Unique name users pass to `useBackend` (`'cpu'`, `'webgpu'`, `'cuda'`). */
  readonly name: string;
  /** Higher wins under `useBackend('auto')` (cuda 300 > webgpu 200 > cpu 100). */
  readonly priority: number;
  /** Checks, without changing the active backend, whether this adapter can run here. Never throws. */
  probe(): Promise<BackendProbe>;
  /**
   * Makes this adapter's engine the active TensorFlow.js backend. Throws
   * `BackendUnavailableError` (saying what to install) when it cannot.
   */
  activate(): Promise<BackendProbe>;
}

/**
 * How far a backend's result may stray from the reference for one case, and why.
 * Compared with the largest absolute difference over every output value.
 */
export interface Tolerance {
  /** Largest accepted `|actual − expected|` on engines not listed in `engines`. */
  readonly default: number;
  /**
   * Overrides by TensorFlow.js engine name (`tf.getBackend()` once the backend is active:
   * `'wasm'`, `'webgpu'`, `'tensorflow'` ...), for engines whose arithmetic differs more.
   */
  readonly engines?: Readonly<Record<string, number>>;
  /** Why these numbers: which arithmetic differs between engines and how far it moves results. */
  readonly reason: string;
}

/** The tolerance of `tolerance` on `engine`: its override if it has one, else the default. */
export function toleranceFor(tolerance: Tolerance, engine: string): number {
  return tolerance.engines?.[engine] ?? tolerance.default;
}

/**
 * Sums of products and additions only (Dense, Conv2D with linear, ReLU or ReLU6, reshapes,
 * slices, tiles). Inputs are about N(0, 1) and weights about U(±1/√fanIn), so results are
 * of order 1 and sums have at most a few hundred terms.
 */
export const SUMS: Tolerance = {
  default: 1e-5,
  engines: { webgpu: 1e-4, webgl: 1e-4 },
  reason:
    'float32 sums of up to a few hundred products of order 1: XNNPACK (wasm) and Eigen ' +
    '(tensorflow) add them in another order than tfjs cpu, a few ulps (wasm: at most 1e-6 ' +
    'measured); WebGPU shaders split sums across threads, and GPUs fuse multiply-adds and ' +
    'flush denormals, so 1e-4 leaves room for real GPUs (SwiftShader: at most 5e-7 measured); ' +
    'WebGL computes in fragment shaders on float32 textures (highp), with the same GPU ' +
    'arithmetic, so 1e-4 too (SwiftShader WebGL 2: at most 5e-7 measured); on GPUs ' +
    'with float16 textures only, WebGL is about 1e-3 off and fails these bounds',
};

/**
 * As `SUMS`, followed by an activation built on `exp`, `tanh` or `erf` (sigmoid, ELU, tanh,
 * softmax, GELU, SELU), whose approximations differ between engines.
 */
export const TRANSCENDENTAL: Tolerance = {
  default: 1e-5,
  engines: { webgpu: 1e-4, webgl: 1e-4 },
  reason:
    'as for sums, then exp, tanh or erf, which each engine approximates its own way (JS Math ' +
    'on cpu, libm or XNNPACK on wasm, the shader compiler on WebGPU, whose WGSL built-ins ' +
    'may be a few ulps off, and the GLSL of tfjs-backend-webgl, which builds tanh, sigmoid and erf ' +
    'from exp; SwiftShader WebGL 2: at most 2e-7 measured); outputs are of order 1, so within the same bounds',
};

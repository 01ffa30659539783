import { BROWSER_WITHOUT_WEBGL, NO_CANVAS, NO_WEBGL_IN_NODE } from './install-hints.js';

/** What Framewise reports about the WebGL context a page can get (probe `details`). */
export interface WebglFacts {
  /** 2 for WebGL 2 (what tfjs prefers), 1 where only WebGL 1 exists. */
  version: 1 | 2;
  /** The GPU's vendor, unmasked where the browser allows it. */
  vendor: string;
  /** The GPU's renderer, unmasked where the browser allows it (`WEBGL_debug_renderer_info`). */
  renderer: string;
  /** A CPU rasterizer (SwiftShader, llvmpipe, WARP): correct, but no faster than wasm. */
  software: boolean;
  /**
   * Whether float32 textures can be rendered to (`EXT_color_buffer_float` on WebGL 2). Without
   * them tfjs computes in float16, and results stray by about 1e-3 of their size.
   */
  float32: boolean;
  /** The largest texture side: tfjs packs a tensor into textures of at most this size. */
  maxTextureSize: number;
}

// The renderer strings of CPU rasterizers, as browsers report them through ANGLE or Mesa:
// "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) ...), SwiftShader driver)",
// "llvmpipe (LLVM 15.0.6, 256 bits)", "Microsoft Basic Render Driver".
const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b/i;

/** Whether a WebGL renderer string names a software rasterizer rather than a GPU. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_NAMES.test(renderer);
}

type Canvas = HTMLCanvasElement | OffscreenCanvas;
type Gl = WebGL2RenderingContext | WebGLRenderingContext;

function makeCanvas(): Canvas | string {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(1, 1);
  if (typeof document !== 'undefined') return document.createElement('canvas');
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
    ?.node;
  return node ? NO_WEBGL_IN_NODE : NO_CANVAS;
}

function context(canvas: Canvas): { gl: Gl; version: 1 | 2 } | undefined {
  // The attributes tfjs-backend-webgl asks for, so the answer is the one it will get.
  const attributes: WebGLContextAttributes = {
    alpha: false,
    antialias: false,
    premultipliedAlpha: false,
    preserveDrawingBuffer: false,
    depth: false,
    stencil: false,
    failIfMajorPerformanceCaveat: true,
  };
  const gl2 = canvas.getContext('webgl2', attributes) as WebGL2RenderingContext | null;
  if (gl2) return { gl: gl2, version: 2 };
  const gl1 = canvas.getContext('webgl', attributes) as WebGLRenderingContext | null;
  return gl1 ? { gl: gl1, version: 1 } : undefined;
}

/**
 * Makes a throwaway WebGL context and reads what tfjs will run on, or says in one line why
 * there is none. The context is lost again at once: browsers allow only a few at a time.
 */
export function readWebgl(): WebglFacts | string {
  const canvas = makeCanvas();
  if (typeof canvas === 'string') return canvas;
  const made = context(canvas);
  if (!made) return BROWSER_WITHOUT_WEBGL;
  const { gl, version } = made;
  try {
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const read = (unmasked: number | undefined, masked: number): string =>
      String(gl.getParameter(unmasked ?? masked) ?? '');
    const renderer = read(debug?.UNMASKED_RENDERER_WEBGL, gl.RENDERER);
    const float32 =
      version === 2
        ? gl.getExtension('EXT_color_buffer_float') !== null
        : gl.getExtension('OES_texture_float') !== null &&
          gl.getExtension('WEBGL_color_buffer_float') !== null;
    return {
      version,
      vendor: read(debug?.UNMASKED_VENDOR_WEBGL, gl.VENDOR),
      renderer,
      software: isSoftwareRenderer(renderer),
      float32,
      maxTextureSize: Number(gl.getParameter(gl.MAX_TEXTURE_SIZE)),
    };
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

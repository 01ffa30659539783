import type { NvidiaDevices } from './nvidia-devices.js';
import { NEEDS, TFJS_NODE_GPU, atLeast } from './requirements.js';

// Every reason the cuda adapter gives ends with what to do about it.

const CUDA_LIBS = /lib(?:cudart|cublas|cublasLt|cufft|curand|cusolver|cusparse|cudnn)\b/;

/** The page or worker is not Node.js. */
export function needsNode(): string {
  return `CUDA needs Node.js: ${TFJS_NODE_GPU} is a native addon; in a browser use @framewise/backend-webgpu`;
}

/** The package does not resolve. `core` is the app's tfjs-core version, which it must match. */
export function notInstalled(core: string): string {
  return (
    `${TFJS_NODE_GPU} is not installed: run npm install ${TFJS_NODE_GPU}@${core} ` +
    `(Linux or Windows x86_64; it needs CUDA ${NEEDS.cuda}, cuDNN ${NEEDS.cudnn} ` +
    `and an NVIDIA driver >= ${NEEDS.driver})`
  );
}

/** The package resolves but throws on load; `message` is the error's first line. */
export function failedToLoad(version: string, message: string): string {
  const head = `${TFJS_NODE_GPU} ${version} is installed but failed to load: ${message}. `;
  if (CUDA_LIBS.test(message)) {
    return (
      head +
      `Install CUDA ${NEEDS.cuda} and cuDNN ${NEEDS.cudnn} (tfjs-node-gpu 4.22 runs TensorFlow ` +
      `${NEEDS.tensorflow}, built against them) and add their lib folders to LD_LIBRARY_PATH ` +
      `(PATH on Windows)`
    );
  }
  return (
    head +
    `Its install may not have finished (it downloads libtensorflow ${NEEDS.tensorflow} for GPU): ` +
    `run npm rebuild ${TFJS_NODE_GPU}, with CUDA ${NEEDS.cuda} and cuDNN ${NEEDS.cudnn} on LD_LIBRARY_PATH`
  );
}

/** Facts for `noDevice`: where it runs and what the driver says. */
export interface DeviceFacts {
  /** `${process.platform}-${process.arch}` */
  platform: string;
  /** Undefined when no NVIDIA driver answered. */
  devices: NvidiaDevices | undefined;
  /** CUDA_VISIBLE_DEVICES, which can hide every GPU from TensorFlow. */
  visibleDevices: string | undefined;
}

/** The package loaded but TensorFlow runs on the CPU; says why, as far as can be told. */
export function noDevice({ platform, devices, visibleDevices }: DeviceFacts): string {
  const head = `${TFJS_NODE_GPU} loaded, but`;
  if (!(NEEDS.platforms as readonly string[]).includes(platform)) {
    return (
      `${head} it has no CUDA build for ${platform} (only ${NEEDS.platforms.join(' and ')}), ` +
      `so TensorFlow runs on the CPU: use @framewise/backend-cpu here`
    );
  }
  if (devices === undefined) {
    return (
      `${head} TensorFlow found no CUDA device and no NVIDIA driver is running (nvidia-smi did not ` +
      `answer, /proc/driver/nvidia is missing): install an NVIDIA driver >= ${NEEDS.driver} on a ` +
      `machine with an NVIDIA GPU, or give the container the GPU (docker run --gpus all)`
    );
  }
  const driver = devices.driver ? `NVIDIA driver ${devices.driver}` : 'the NVIDIA driver';
  if (devices.gpus.length === 0) {
    return (
      `${head} TensorFlow found no CUDA device, and ${driver} lists no GPU: attach one to this ` +
      `machine or container (docker run --gpus all)`
    );
  }
  const unused = `${head} TensorFlow did not use ${devices.gpus.join(', ')}:`;
  if (devices.driver && !atLeast(devices.driver, NEEDS.driver)) {
    return `${unused} ${driver} is older than ${NEEDS.driver}, the oldest CUDA ${NEEDS.cuda} runs on: update the driver`;
  }
  if (visibleDevices !== undefined && /^\s*(-1)?\s*$|^NoDevFiles$/.test(visibleDevices)) {
    return `${unused} CUDA_VISIBLE_DEVICES='${visibleDevices}' hides them; unset CUDA_VISIBLE_DEVICES or set it to a GPU index`;
  }
  return (
    `${unused} it needs the CUDA ${NEEDS.cuda} and cuDNN ${NEEDS.cudnn} libraries (${NEEDS.libraries}) ` +
    `on LD_LIBRARY_PATH with ${driver}; TensorFlow's "Could not load dynamic library" lines above ` +
    `name the missing one`
  );
}

/** The package registered its backend with a tfjs-core this app does not use. */
export function otherCopy(version: string, theirs: string, ours: string): string {
  return (
    `${TFJS_NODE_GPU} ${version} registered its backend with another copy of @tensorflow/tfjs-core ` +
    `(${theirs}; this app uses ${ours}): run npm install ${TFJS_NODE_GPU}@${ours} so they share one`
  );
}

/** It runs: TensorFlow on which GPU. */
export function running(version: string, tensorflow: string | undefined, gpus: string[]): string {
  const on = gpus.length > 0 ? gpus.join(', ') : 'a CUDA device';
  return `TensorFlow${tensorflow ? ` ${tensorflow}` : ''} on ${on} through ${TFJS_NODE_GPU} ${version}`;
}

/**
 * Live data buffers during a call. tfjs counts `numBytes` (and so
 * `tf.profile().peakBytes`) per tensor, so a reshape, which shares its input's
 * buffer, counts its bytes a second time. This counts each new buffer once,
 * from its creation to its release, by wrapping two engine methods for the
 * duration of the call.
 */
import * as tf from '@tensorflow/tfjs-core';

interface EngineInternals {
  state: { tensorInfo: WeakMap<object, unknown> };
  trackTensor(a: tf.Tensor, backend: unknown): void;
  removeDataId(dataId: object, backend: unknown): void;
}

export interface BufferPeak<T> {
  result: T;
  /** Largest total size of buffers created during the call and alive at once, in bytes. */
  peakNewBufferBytes: number;
}

function bytesOf(t: tf.Tensor): number {
  return t.dtype === 'string' || t.dtype === 'complex64'
    ? 0
    : t.size * tf.util.bytesPerElement(t.dtype);
}

/** Runs `fn` and reports the peak of the buffers it allocated (buffers that existed before do not count). */
export async function withBufferPeak<T>(fn: () => Promise<T>): Promise<BufferPeak<T>> {
  const engine = tf.engine() as unknown as EngineInternals;
  const info = engine.state.tensorInfo;
  const track = engine.trackTensor;
  const remove = engine.removeDataId;
  const fresh = new Map<object, number>();
  let live = 0;
  let peak = 0;
  engine.trackTensor = function (a, backend) {
    const known = info.has(a.dataId);
    track.call(engine, a, backend);
    if (!known && info.has(a.dataId)) {
      const bytes = bytesOf(a);
      fresh.set(a.dataId, bytes);
      live += bytes;
      peak = Math.max(peak, live);
    }
  };
  engine.removeDataId = function (dataId, backend) {
    remove.call(engine, dataId, backend);
    const bytes = fresh.get(dataId);
    if (bytes !== undefined && !info.has(dataId)) {
      fresh.delete(dataId);
      live -= bytes;
    }
  };
  try {
    const result = await fn();
    return { result, peakNewBufferBytes: peak };
  } finally {
    engine.trackTensor = track;
    engine.removeDataId = remove;
  }
}

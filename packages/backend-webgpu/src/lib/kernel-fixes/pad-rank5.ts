import * as tf from '@tensorflow/tfjs-core';
import {
  WIDEST_SAFE_RANK,
  callKernel,
  disposeIntermediates,
  reshapeTo,
  runKernel,
  sizeOf,
  type KernelArgs,
} from './run-kernel.js';

type Paddings = Array<[number, number]>;

/** Axes of a padded tensor viewed with fewer axes: each with its size and padding. */
interface Axis {
  size: number;
  before: number;
  after: number;
}

/**
 * The same padding with fewer axes: an axis without padding joins the axis before it (its
 * padding scales by the axis' size, since the data is row-major), so only padded axes and
 * a leading unpadded one remain.
 */
export function collapseAxes(shape: readonly number[], paddings: Paddings): Axis[] {
  const axes: Axis[] = [];
  shape.forEach((size, i) => {
    const [before, after] = paddings[i] ?? [0, 0];
    const previous = axes[axes.length - 1];
    if (before === 0 && after === 0 && previous) {
      previous.size *= size;
      previous.before *= size;
      previous.after *= size;
    } else {
      axes.push({ size, before, after });
    }
  });
  return axes;
}

/**
 * PadV2 (`pad`) on WebGPU for tensors of rank 5 and more. tfjs-backend-webgpu 4.22's shader
 * for them does not compile ("cannot index type 'vec5'"), and the result is whatever the
 * output buffer held: wrong ZeroPadding3D outputs and Cropping3D input gradients. Runs the
 * backend's own kernel on a view with axes joined (see `collapseAxes`); where more than four
 * axes are padded, pads each slice along the first axis and stacks them with the padding
 * rows. Lower ranks go to `original`.
 */
export function padRank5Config(original: tf.KernelFunc): tf.KernelConfig {
  const pad = (args: KernelArgs): tf.TensorInfo => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { paddings, constantValue } = args.attrs as unknown as tf.PadV2Attrs;
    if (x.shape.length <= WIDEST_SAFE_RANK || sizeOf(x.shape) === 0) {
      return callKernel(original, args);
    }
    const { backend } = args;
    const outShape = x.shape.map((size, i) => {
      const [before, after] = paddings[i] ?? [0, 0];
      return before + size + after;
    });
    const axes = collapseAxes(x.shape, paddings);
    const view = reshapeTo(
      x,
      axes.map((a) => a.size),
      backend,
    );
    const made: tf.TensorInfo[] = [view];
    try {
      const attrs = {
        paddings: axes.map((a): [number, number] => [a.before, a.after]),
        constantValue,
      };
      const padded =
        axes.length <= WIDEST_SAFE_RANK
          ? callKernel(original, { inputs: { x: view }, backend, attrs })
          : padRowByRow(view, axes, constantValue, backend, pad);
      made.push(padded);
      return reshapeTo(padded, outShape, backend);
    } finally {
      disposeIntermediates(backend, made);
    }
  };
  return { kernelName: tf.PadV2, backendName: 'webgpu', kernelFunc: pad as tf.KernelFunc };
}

/** Pads each slice along the first axis with `pad`, then stacks them and the padding rows. */
function padRowByRow(
  x: tf.TensorInfo,
  axes: Axis[],
  constantValue: number,
  backend: unknown,
  pad: (args: KernelArgs) => tf.TensorInfo,
): tf.TensorInfo {
  const [first, ...inner] = axes;
  if (!first) throw new Error('padRowByRow needs at least one axis');
  const rowSize = sizeOf(inner.map((a) => a.size));
  const paddedRowSize = sizeOf(inner.map((a) => a.before + a.size + a.after));
  const made: tf.TensorInfo[] = [];
  const track = (info: tf.TensorInfo): tf.TensorInfo => {
    made.push(info);
    return info;
  };
  try {
    const rows: tf.TensorInfo[] = [];
    const fill = (count: number): void => {
      if (count === 0) return;
      const attrs = { shape: [count, paddedRowSize], value: constantValue, dtype: x.dtype };
      rows.push(track(runKernel(tf.Fill, { inputs: {}, backend, attrs })));
    };
    const matrix = track(reshapeTo(x, [first.size, rowSize], backend));
    const innerPaddings = inner.map((a): [number, number] => [a.before, a.after]);
    fill(first.before);
    for (let i = 0; i < first.size; i += 1) {
      const sliceAttrs = { begin: [i, 0], size: [1, rowSize] };
      const row = track(runKernel(tf.Slice, { inputs: { x: matrix }, backend, attrs: sliceAttrs }));
      const slab = track(
        reshapeTo(
          row,
          inner.map((a) => a.size),
          backend,
        ),
      );
      const attrs = { paddings: innerPaddings, constantValue };
      const padded = track(pad({ inputs: { x: slab }, backend, attrs }));
      rows.push(track(reshapeTo(padded, [1, paddedRowSize], backend)));
    }
    fill(first.after);
    return runKernel(tf.Concat, {
      inputs: rows as unknown as tf.NamedTensorInfoMap,
      backend,
      attrs: { axis: 0 },
    });
  } finally {
    disposeIntermediates(backend, made);
  }
}

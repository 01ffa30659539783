import * as tf from '@tensorflow/tfjs-core';
import { float, readFloats, writeFloats, type WasmKernelBackend } from './heap.js';

type FilterAttrs = tf.DepthwiseConv2dNativeBackpropFilterAttrs;
type InputAttrs = tf.DepthwiseConv2dNativeBackpropInputAttrs;

/** Visits every (input element, filter element, output element) triple a depthwise conv multiplies. */
function forEachTap(
  info: tf.backend_util.Conv2DInfo,
  visit: (xAt: number, wAt: number, yAt: number) => void,
): void {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const multiplier = outChannels / inChannels;
  const { top, left } = info.padInfo;
  for (let b = 0; b < info.batchSize; b++) {
    for (let yr = 0; yr < outHeight; yr++) {
      for (let yc = 0; yc < outWidth; yc++) {
        const yBase = ((b * outHeight + yr) * outWidth + yc) * outChannels;
        for (let r = 0; r < info.filterHeight; r++) {
          const xr = yr * info.strideHeight + r * info.dilationHeight - top;
          if (xr < 0 || xr >= inHeight) continue;
          for (let c = 0; c < info.filterWidth; c++) {
            const xc = yc * info.strideWidth + c * info.dilationWidth - left;
            if (xc < 0 || xc >= inWidth) continue;
            const xBase = ((b * inHeight + xr) * inWidth + xc) * inChannels;
            const wBase = (r * info.filterWidth + c) * outChannels;
            for (let i = 0; i < inChannels; i++) {
              for (let q = 0; q < multiplier; q++) {
                const o = i * multiplier + q;
                visit(xBase + i, wBase + o, yBase + o);
              }
            }
          }
        }
      }
    }
  }
}

function depthwiseBackpropFilter(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as WasmKernelBackend;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, filterShape } =
    args.attrs as unknown as FilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const xs = readFloats(backend, x);
  const dys = readFloats(backend, dy);
  return writeFloats(backend, filterShape, (dw) => {
    forEachTap(info, (xAt, wAt, yAt) => {
      dw[wAt] = float(dw, wAt) + float(xs, xAt) * float(dys, yAt);
    });
  });
}

function depthwiseBackpropInput(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as WasmKernelBackend;
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, inputShape } =
    args.attrs as unknown as InputAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const ws = readFloats(backend, filter);
  const dys = readFloats(backend, dy);
  return writeFloats(backend, inputShape, (dx) => {
    forEachTap(info, (xAt, wAt, yAt) => {
      dx[xAt] = float(dx, xAt) + float(ws, wAt) * float(dys, yAt);
    });
  });
}

export const depthwiseBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropFilter,
};

export const depthwiseBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropInput,
};

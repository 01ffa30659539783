import { at } from '@framewise/core';

/** How values map to colours: `gray` (inputs, feature maps) or `diverging` (weights: blue < 0 < red). */
export type Palette = 'gray' | 'diverging';

/** One 2-D picture of numbers: `height × width`, `channels` 1 or 3 (RGB). */
export interface Picture {
  values: ArrayLike<number>;
  height: number;
  width: number;
  channels: 1 | 3;
}

/** The smallest and largest of the values (`[0, 0]` when there are none). */
export function valueRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = at(values, i, 'value');
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 0];
}

function colour(v: number, lo: number, hi: number, palette: Palette): [number, number, number] {
  if (palette === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    const s = Math.max(-1, Math.min(1, v / m));
    const fade = Math.round(255 * (1 - Math.abs(s)));
    return s >= 0 ? [255, fade, fade] : [fade, fade, 255];
  }
  const g = hi > lo ? Math.round((255 * (v - lo)) / (hi - lo)) : 128;
  return [g, g, g];
}

/**
 * A canvas of one picture, one canvas pixel per value, scaled with CSS (`displayWidth` pixels
 * wide, sharp edges). Values are stretched to `range` (default: the picture's own), so pictures
 * drawn with one range can be compared.
 */
export function drawPicture(
  picture: Picture,
  palette: Palette,
  displayWidth: number,
  range: [number, number] = valueRange(picture.values),
): HTMLCanvasElement {
  const { values, height, width, channels } = picture;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser gives no 2D canvas context');
  const image = context.createImageData(width, height);
  const [lo, hi] = range;
  for (let p = 0; p < width * height; p++) {
    const rgb =
      channels === 3
        ? ([0, 1, 2].map(
            (k) => colour(at(values, p * 3 + k, 'pixel value'), lo, hi, palette)[0],
          ) as [number, number, number])
        : colour(at(values, p, 'pixel value'), lo, hi, palette);
    image.data.set([...rgb, 255], p * 4);
  }
  context.putImageData(image, 0, 0);
  const scale = displayWidth / width;
  canvas.style.width = `${displayWidth}px`;
  canvas.style.height = `${Math.max(16, Math.round(height * scale))}px`;
  return canvas;
}

/**
 * The pictures of one step's slice (`shape` without batch and time): a vector is a strip, a
 * matrix one picture, an image with 3 channels one RGB picture, other channel counts one
 * picture per channel (at most `maxChannels`).
 */
export function slicePictures(
  values: Float32Array,
  shape: readonly number[],
  maxChannels: number,
): Picture[] {
  if (shape.length <= 1)
    return [{ values, height: 1, width: shape[0] ?? values.length, channels: 1 }];
  const [height, width] = shape as [number, number];
  if (shape.length === 2) return [{ values, height, width, channels: 1 }];
  const c = shape.slice(2).reduce((a, b) => a * b, 1);
  if (c === 3) return [{ values, height, width, channels: 3 }];
  const pictures: Picture[] = [];
  for (let k = 0; k < Math.min(c, maxChannels); k++) {
    const plane = new Float32Array(height * width);
    for (let p = 0; p < plane.length; p++) plane[p] = at(values, p * c + k, 'channel value');
    pictures.push({ values: plane, height, width, channels: 1 });
  }
  return pictures;
}

/**
 * Pictures of a kernel: `[in, out]` (Dense, recurrent) is one matrix; `[...window, in, out]`
 * (convolutions) gives one picture per filter (at most `maxFilters`), its window summed over
 * the input channels.
 */
export function kernelPictures(
  values: Float32Array,
  shape: readonly number[],
  maxFilters: number,
): Picture[] {
  if (shape.length <= 2)
    return [{ values, height: shape[0] ?? 1, width: shape[1] ?? values.length, channels: 1 }];
  const [inputs, out] = shape.slice(-2) as [number, number];
  const window = shape.slice(0, -2);
  const height = window.length >= 2 ? at(window, 0, 'window height') : 1;
  const width = window.reduce((a, b) => a * b, 1) / height;
  const pictures: Picture[] = [];
  for (let o = 0; o < Math.min(out, maxFilters); o++) {
    const plane = new Float32Array(height * width);
    for (let p = 0; p < plane.length; p++) {
      let sum = 0;
      for (let i = 0; i < inputs; i++)
        sum += at(values, (p * inputs + i) * out + o, 'kernel value');
      plane[p] = sum;
    }
    pictures.push({ values: plane, height, width, channels: 1 });
  }
  return pictures;
}

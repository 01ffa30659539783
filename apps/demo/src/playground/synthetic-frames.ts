/**
 * Input data a reader can follow through the steps: per step, a bright disc that moves across
 * the frame over a soft gradient, each channel shifted in phase (so RGB frames are colourful).
 * Sequences of vectors get a wave that travels one position per step. Values in [0, 1].
 */
export function syntheticFrames(shape: readonly number[]): Float32Array {
  const [batch = 1, time = 1, ...rest] = shape;
  const [first = 1, second, ...channels] = rest;
  const [h, w, c] =
    second === undefined ? [1, first, 1] : [first, second, channels.reduce((a, b) => a * b, 1)];
  const step = h * w * c;
  const data = new Float32Array(batch * time * step);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < time; t++) {
      const phase = time > 1 ? t / (time - 1) : 0.5;
      const cx = (0.15 + 0.7 * phase) * w;
      const cy = (0.3 + 0.4 * Math.sin(phase * Math.PI + b)) * h;
      const radius = Math.max(1.5, Math.min(h, w) / 4);
      const base = (b * time + t) * step;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const disc =
            h === 1
              ? 0.5 + 0.5 * Math.sin(((x - t) / Math.max(w, 2)) * 2 * Math.PI)
              : Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * radius * radius));
          for (let k = 0; k < c; k++) {
            const gradient = 0.15 * (0.5 + 0.5 * Math.cos((x / w + y / h + k / c) * Math.PI * 2));
            data[base + (y * w + x) * c + k] = h === 1 ? disc : Math.min(1, 0.9 * disc + gradient);
          }
        }
      }
    }
  }
  return data;
}

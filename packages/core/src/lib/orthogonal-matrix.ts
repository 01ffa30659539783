import { InternalError } from './errors.js';

/**
 * A random `rows × cols` matrix with orthonormal columns (rows ≥ cols), drawn
 * uniformly (Haar): the Q of a Gaussian matrix's QR decomposition with R's
 * diagonal positive, which is what Gram–Schmidt gives. Computed in plain
 * JavaScript in float64: tfjs' `linalg.qr` runs hundreds of small kernels per
 * column (82 s for an LSTM(256) recurrent kernel on the pure-JS backend, 2 s on
 * wasm), and no read-back from the backend is needed (WebGPU in Node has no
 * synchronous one).
 *
 * @param normal - draws from N(0, 1)
 * @returns column-major values: column j is `out[j*rows .. (j+1)*rows)`
 */
export function orthonormalColumns(rows: number, cols: number, normal: () => number): Float64Array {
  const q = new Float64Array(rows * cols);
  for (let i = 0; i < q.length; i++) q[i] = normal();
  for (let j = 0; j < cols; j++) {
    const v = q.subarray(j * rows, (j + 1) * rows);
    // Two passes of modified Gram–Schmidt: one alone loses orthogonality in float rounding.
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const u = q.subarray(k * rows, (k + 1) * rows);
        let dot = 0;
        for (let i = 0; i < rows; i++) dot += entry(u, i) * entry(v, i);
        for (let i = 0; i < rows; i++) v[i] = entry(v, i) - dot * entry(u, i);
      }
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += entry(v, i) * entry(v, i);
    norm = Math.sqrt(norm);
    for (let i = 0; i < rows; i++) v[i] = entry(v, i) / norm;
  }
  return q;
}

/**
 * `column[index]` for an index below the column length. Float64Array only, so
 * the access stays monomorphic in these O(rows·cols²) loops, where the generic
 * `at()` ran several times slower.
 */
function entry(column: Float64Array, index: number): number {
  const value = column[index];
  if (value === undefined)
    throw new InternalError(`index ${index} is outside a column of ${column.length}`);
  return value;
}

/** A stream of N(0, 1) draws (Box–Muller) from a stream of uniforms in [0, 1). */
export function normalStream(uniform: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/**
 * `[start, end)` row ranges that split a batch between `workers` as evenly as whole rows allow,
 * larger shares first; a batch smaller than the pool leaves the last workers out.
 */
export function splitRows(batch: number, workers: number): [number, number][] {
  const used = Math.min(batch, workers);
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < used; i++) {
    const size = Math.floor(batch / used) + (i < batch % used ? 1 : 0);
    ranges.push([start, start + size]);
    start += size;
  }
  return ranges;
}

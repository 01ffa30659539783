/**
 * A base-10 logarithmic scale for the benchmark chart. Medians of one page run
 * span four decades and more (12 µs for Framewise's smallest row, seconds for
 * tfjs-layers' per-step loop), so a linear axis would draw every Framewise bar
 * as a sliver.
 */
export interface LogScale {
  /** Whole decades around the values: `[10^floor(log10 min), 10^ceil(log10 max)]`. */
  domain: readonly [number, number];
  /** Pixel range the domain maps onto. */
  range: readonly [number, number];
  /** The decades inside the domain, smallest first: where the axis puts its ticks. */
  ticks: readonly number[];
  /** Pixel position of a value, clamped to the range; values ≤ 0 or not finite sit at the start. */
  position(value: number): number;
}

/** Decade of a positive number: `floor(log10(v))`, robust to float error (log10(1000) = 2.9999…). */
function decade(value: number, round: (x: number) => number): number {
  const exact = Math.log10(value);
  const near = Math.round(exact);
  return Math.abs(exact - near) < 1e-9 ? near : round(exact);
}

/**
 * A log scale covering `values` (non-positive and non-finite ones are ignored;
 * with none left the domain is [0.1, 1]) on `range`, in whole decades and at
 * least one decade wide.
 */
export function logScale(values: readonly number[], range: readonly [number, number]): LogScale {
  const usable = values.filter((v) => Number.isFinite(v) && v > 0);
  const lo = usable.length ? decade(Math.min(...usable), Math.floor) : -1;
  let hi = usable.length ? decade(Math.max(...usable), Math.ceil) : 0;
  if (hi <= lo) hi = lo + 1;
  const ticks: number[] = [];
  for (let d = lo; d <= hi; d++) ticks.push(Number(`1e${d}`));
  const [r0, r1] = range;
  const span = hi - lo;
  return {
    domain: [Number(`1e${lo}`), Number(`1e${hi}`)],
    range: [r0, r1],
    ticks,
    position(value) {
      if (!Number.isFinite(value) || value <= 0) return r0;
      const t = (Math.log10(value) - lo) / span;
      return r0 + Math.min(1, Math.max(0, t)) * (r1 - r0);
    },
  };
}

/** A tick's label: milliseconds below one second, seconds above (`0.01 ms`, `100 ms`, `10 s`). */
export function formatTick(ms: number): string {
  if (ms >= 1000) return `${trim(ms / 1000)} s`;
  return `${trim(ms)} ms`;
}

function trim(n: number): string {
  return String(Number(n.toPrecision(6)));
}

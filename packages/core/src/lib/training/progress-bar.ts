/** Where a progress bar writes: Node's `process.stderr` or anything with `write` and `isTTY`. */
export interface ProgressStream {
  write(text: string): unknown;
  /** Bars draw only on terminals; anything else (a pipe, a file, CI logs) stays quiet. */
  isTTY?: boolean;
  /** Terminal width, when known. */
  columns?: number;
}

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** Units of work in all (batches, samples, files). */
  total: number;
  /** Printed once above the bar (`Epoch 1/10`). */
  title?: string;
  /** Characters of the bar itself. Default 30. */
  width?: number;
  /**
   * The stream to draw on. Default: `process.stderr` when there is a
   * `process` (Node), looked up lazily so browser bundles never touch it.
   * `null` silences the bar.
   */
  stream?: ProgressStream | null;
}

/** Values printed after the bar: numbers with 4 decimals, strings as they are. */
export type ProgressValues = Record<string, number | string>;

function defaultStream(): ProgressStream | undefined {
  return (globalThis as { process?: { stderr?: ProgressStream } }).process?.stderr;
}

function formatValue(v: number | string): string {
  if (typeof v === 'string') return v;
  return Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(3);
}

function formatTime(ms: number): string {
  if (ms >= 3_600_000)
    return `${Math.floor(ms / 3_600_000)}h${Math.round((ms % 3_600_000) / 60_000)}m`;
  if (ms >= 60_000) return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
  if (ms >= 1000) return `${Math.round(ms / 1000)}s`;
  return `${Math.round(ms)}ms`;
}

/**
 * A one-line progress bar in Keras' style, redrawn in place:
 * ` 12/40 [========>.....................] ETA: 2s - loss: 0.6931`.
 * It draws only on a TTY; elsewhere every method is a no-op, so it is safe in
 * tests, pipes and browsers. Training uses one per epoch; the CLI reuses it.
 */
export class ProgressBar {
  /** True when the bar draws (a TTY stream was found). */
  readonly active: boolean;
  private readonly stream: ProgressStream | undefined;
  private readonly total: number;
  private readonly width: number;
  private readonly started = Date.now();
  private titled = false;
  private readonly title: string | undefined;
  private finished = false;

  constructor(options: ProgressBarOptions) {
    this.total = Math.max(0, options.total);
    this.width = options.width ?? 30;
    this.title = options.title;
    const stream = options.stream === null ? undefined : (options.stream ?? defaultStream());
    this.stream = stream;
    this.active = stream?.isTTY === true;
  }

  /** Redraws the bar at `n` of `total` units done, with `values` after it. */
  update(n: number, values: ProgressValues = {}): void {
    if (!this.active || this.finished) return;
    this.draw(this.line(n, values, false), false);
  }

  /** Draws the bar full with the final values and ends the line; later updates do nothing. */
  done(values: ProgressValues = {}): void {
    if (!this.active || this.finished) return;
    this.finished = true;
    this.draw(this.line(this.total, values, true), true);
  }

  private draw(line: string, last: boolean): void {
    if (this.stream === undefined) return;
    if (!this.titled && this.title !== undefined) {
      this.stream.write(`${this.title}\n`);
      this.titled = true;
    }
    const columns = this.stream.columns;
    const fitted =
      columns !== undefined && line.length >= columns ? line.slice(0, columns - 1) : line;
    // Clear to the end of the line: the previous draw may have been longer.
    this.stream.write(`\r${fitted}\x1b[K${last ? '\n' : ''}`);
  }

  private line(n: number, values: ProgressValues, final: boolean): string {
    const done = Math.min(Math.max(n, 0), this.total);
    const digits = String(this.total).length;
    const fraction = this.total === 0 ? 1 : done / this.total;
    const filled = Math.floor(fraction * this.width);
    const bar =
      filled >= this.width
        ? '='.repeat(this.width)
        : '='.repeat(filled) + '>' + '.'.repeat(this.width - filled - 1);
    const elapsed = Date.now() - this.started;
    const time = final
      ? formatTime(elapsed)
      : done > 0
        ? `ETA: ${formatTime((elapsed / done) * (this.total - done))}`
        : '';
    const tail = Object.entries(values)
      .map(([k, v]) => ` - ${k}: ${formatValue(v)}`)
      .join('');
    return `${String(done).padStart(digits)}/${this.total} [${bar}] ${time}${tail}`;
  }
}

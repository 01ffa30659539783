import { el } from '../site/dom.js';

/** One classified frame, as the table lists it. */
export interface LoggedFrame {
  frame: number;
  name: string;
  probability: number;
  ms: number;
  /** The class the source says the frame has (generated clips only). */
  truth?: string;
}

/** Rows the table keeps: the latest frames, newest first. */
const ROWS = 12;

/** The table of the latest frames: number, class, probability, true class, time. */
export class FrameLog {
  readonly table: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;

  constructor() {
    this.body = el('tbody', { 'data-testid': 'live-frames' });
    const head = ['Frame', 'Class', 'Probability', 'Moving (clips)', 'Time'].map((h) =>
      el('th', {}, [h]),
    );
    this.table = el('table', { class: 'figures-table live-log' }, [
      el('thead', {}, [el('tr', {}, head)]),
      this.body,
    ]);
  }

  add(f: LoggedFrame): void {
    const cell = (text: string, className = '') => el('td', { class: className }, [text]);
    const row = el('tr', { 'data-testid': 'live-frame-row' }, [
      cell(String(f.frame), 'num'),
      cell(f.name, 'live-row-class'),
      cell(`${(f.probability * 100).toFixed(0)}%`, 'num'),
      cell(f.truth ?? '–'),
      cell(`${f.ms.toFixed(1)} ms`, 'num live-row-ms'),
    ]);
    this.body.prepend(row);
    while (this.body.rows.length > ROWS) this.body.lastElementChild?.remove();
  }
}

/** Draws `size × size` grey levels into `canvas`, one canvas pixel per frame pixel (CSS scales it up). */
export function drawFrame(canvas: HTMLCanvasElement, pixels: Float32Array, size: number): void {
  if (canvas.width !== size) canvas.width = size;
  if (canvas.height !== size) canvas.height = size;
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(size, size);
  pixels.forEach((v, i) => {
    const level = Math.round(Math.min(1, Math.max(0, v)) * 255);
    image.data.set([level, level, level, 255], i * 4);
  });
  context.putImageData(image, 0, 0);
}

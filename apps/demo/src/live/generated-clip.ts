import { MOVING_SQUARES_CLASSES, movingSquares } from '@framewise/examples';

/** What a frame source gives the page each animation frame. */
export interface Frame {
  /** `size × size` grey levels in [0, 1], row by row. */
  pixels: Float32Array;
  /** The class the frame belongs to, where the source knows it (the generated clip does). */
  truth?: string;
}

/**
 * Moving-squares clips played back to back, frame after frame, as a stand-in for a camera:
 * the clips the classifier learned from come from the same generator, with other squares
 * (another starting point for the generator), so what the page shows is what it recognises
 * in clips it has not seen.
 */
export class GeneratedClip {
  readonly frames: number;
  private readonly pixels: Float32Array;
  private readonly labels: Float32Array;
  private next = 0;

  constructor(
    readonly size: number,
    framesPerClip: number,
    clips = 32,
  ) {
    const { x, y } = movingSquares({ samples: clips, frames: framesPerClip, size, seed: 7 });
    try {
      this.pixels = x.dataSync() as Float32Array;
      this.labels = y.dataSync() as Float32Array;
    } finally {
      x.dispose();
      y.dispose();
    }
    this.frames = framesPerClip;
  }

  /** The next frame, looping over the clips forever. */
  read(): Frame {
    const area = this.size * this.size;
    const total = this.labels.length * this.frames;
    const index = this.next % total;
    this.next++;
    const clip = Math.floor(index / this.frames);
    return {
      pixels: this.pixels.slice(index * area, (index + 1) * area),
      truth: MOVING_SQUARES_CLASSES[this.labels[clip] ?? 0] ?? 'unknown',
    };
  }
}

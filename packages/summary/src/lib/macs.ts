import type { Layer, Shape } from '@framewise/core';

/** MACs per sample of one call of `layer` on inputs of these shapes; 0 for a call without inputs. */
export function macsFor(layer: Layer, shapes: Shape[]): number {
  if (shapes.length === 0) return 0;
  return layer.macs(shapes.length === 1 ? shapes[0]! : shapes);
}

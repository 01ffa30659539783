import type { LayerVariable } from '@framewise/core';

/** What a row reuses from earlier rows. */
export interface SharedWeights {
  sharedParams: number;
  /** Paths of the rows that counted those weights first, in the order met. */
  sharesWith: string[];
}

/**
 * Remembers which row counted each weight first, walking rows parent before
 * children. A child holds its parent's weights by construction, so weights a
 * row got from its ancestors are not "shared"; they move to the child, the
 * more precise owner, so a later row can name the very layer it reuses.
 */
export class WeightLedger {
  private readonly owners = new Map<LayerVariable, string>();

  /** Records a row's weights and says which of them earlier rows (not its ancestors) counted. */
  claim(
    weights: readonly LayerVariable[],
    path: string,
    ancestors: readonly string[],
  ): SharedWeights {
    let sharedParams = 0;
    const sharesWith: string[] = [];
    for (const w of new Set(weights)) {
      const owner = this.owners.get(w);
      if (owner !== undefined && !ancestors.includes(owner)) {
        sharedParams += w.size;
        if (!sharesWith.includes(owner)) sharesWith.push(owner);
      } else {
        this.owners.set(w, path);
      }
    }
    return { sharedParams, sharesWith };
  }
}

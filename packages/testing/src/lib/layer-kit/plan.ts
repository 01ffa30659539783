import { formatShape } from '@framewise/core';
import { badInputsOf } from './check-bad-input.js';
import { firstShapes, makeLayer, type AnyLayerKitSpec } from './kit-inputs.js';
import {
  LAYER_CHECK_TITLES,
  LAYER_CHECKS,
  type LayerCheckName,
  type LayerKitSpec,
} from './spec.js';

/**
 * One check as it will run: skipped (with the reason) or not.
 *
 * ```ts
 * const skipped: PlannedCheck[] = planLayerChecks(spec).filter((c) => c.skipped);
 * ```
 */
export interface PlannedCheck {
  name: LayerCheckName;
  title: string;
  /** Why the check will not run; undefined when it will. */
  skipped?: string;
}

/** Throws a plain Error, saying what is missing, for a spec the kit cannot run. */
function validate(spec: AnyLayerKitSpec): void {
  if (!spec || typeof spec.plugin?.className !== 'string') {
    throw new Error('the layer kit needs a spec with a plugin ({className, create, fromConfig})');
  }
  if (!Array.isArray(spec.inputShapes) || spec.inputShapes.length === 0) {
    throw new Error(
      `the layer kit needs inputShapes for ${spec.plugin.className}, e.g. inputShapes: [[2, 3]]`,
    );
  }
}

/** Why TimeDistributed cannot be checked on this layer, if it cannot. */
function timeDistributedSkip(spec: AnyLayerKitSpec): string | undefined {
  const broadcast = spec.broadcastInputs ?? [];
  const flat = firstShapes(spec).find((s, i) => !broadcast.includes(i) && s.length < 2);
  if (flat) {
    return (
      `the input ${formatShape(flat)} has no axis besides the batch: with a time axis it has ` +
      `rank 2, and timeDistributed needs [batch, time, ...] of rank 3 or more`
    );
  }
  let coupled = false;
  try {
    const layer = makeLayer(spec);
    coupled = layer.isBatchCoupled(false);
    layer.dispose();
  } catch {
    // The check itself reports a layer that cannot be made.
  }
  if (coupled) {
    return (
      'isBatchCoupled(false) is true: a sample depends on the rest of the batch (or on earlier ' +
      'calls), so steps are not independent samples and the strategies need not agree'
    );
  }
  return undefined;
}

/**
 * The checks `checkLayerPlugin` will run for a spec and those it will skip, with the reason:
 * the spec's `skip`, a batch-coupled layer or an input without a time axis to add
 * (`time-distributed`), nothing wrong to try (`bad-input`). Makes (and frees) one layer.
 *
 * ```ts
 * planLayerChecks({ plugin: densePlugin, options: { units: 4 }, inputShapes: [[2, 3]] })
 *   .filter((c) => c.skipped); // []
 * ```
 */
export function planLayerChecks<O>(spec: LayerKitSpec<O>): PlannedCheck[] {
  const any = spec as AnyLayerKitSpec;
  validate(any);
  return LAYER_CHECKS.map((name) => {
    const title = LAYER_CHECK_TITLES[name];
    const given = spec.skip?.[name];
    if (given !== undefined) return { name, title, skipped: given };
    if (name === 'time-distributed') {
      const skipped = timeDistributedSkip(any);
      if (skipped) return { name, title, skipped };
    }
    if (name === 'bad-input' && badInputsOf(any).length === 0) {
      return {
        name,
        title,
        skipped: 'nothing to try: wrongRanks is [] and there are no badInputs',
      };
    }
    return { name, title };
  });
}

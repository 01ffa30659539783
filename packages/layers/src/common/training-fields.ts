import {
  getConstraint,
  getRegularizer,
  serializeConstraint,
  serializeRegularizer,
  type ConstraintOption,
  type RegularizerOption,
  type WeightExtras,
} from '@framewise/core';

/** The regularizer and constraint options of a layer's kernel and bias (tfjs-layers' names). */
export interface KernelTrainingOptions {
  /** Penalty on the kernel added to the training loss: `'l2'`, `regularizers.l2({l2: 1e-4})` ... */
  kernelRegularizer?: RegularizerOption;
  /** Penalty on the bias. */
  biasRegularizer?: RegularizerOption;
  /** Projection of the kernel after each optimizer step: `'maxNorm'`, `constraints.maxNorm({maxValue: 3})` ... */
  kernelConstraint?: ConstraintOption;
  /** Projection of the bias after each optimizer step. */
  biasConstraint?: ConstraintOption;
}

const toSnake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * Resolves `<weight>Regularizer` and `<weight>Constraint` of each named
 * weight (`kernel` → `kernelRegularizer`, `kernelConstraint`), once, when the
 * layer is made: a bad value fails there, not at the first training step.
 */
export function weightTraining<K extends string>(
  options: object,
  weights: readonly K[],
  layerName: string,
): Record<K, WeightExtras> {
  const o = options as Record<string, unknown>;
  const out = {} as Record<K, WeightExtras>;
  for (const k of weights) {
    const regularizer = getRegularizer(o[`${k}Regularizer`], layerName);
    const constraint = getConstraint(o[`${k}Constraint`], layerName);
    out[k] = {
      ...(regularizer ? { regularizer } : {}),
      ...(constraint ? { constraint } : {}),
    };
  }
  return out;
}

/**
 * The Keras JSON fields of `weightTraining`'s result, regularizers first
 * then constraints (Keras' order), with `activity_regularizer` after the
 * weight regularizers when given.
 */
export function weightTrainingConfig(
  settings: Record<string, WeightExtras>,
  activity?: { activity: WeightExtras['regularizer'] },
): Record<string, unknown> {
  const entries = Object.entries(settings);
  return {
    ...Object.fromEntries(
      entries.map(([k, s]) => [`${toSnake(k)}_regularizer`, serializeRegularizer(s.regularizer)]),
    ),
    ...(activity ? { activity_regularizer: serializeRegularizer(activity.activity) } : {}),
    ...Object.fromEntries(
      entries.map(([k, s]) => [`${toSnake(k)}_constraint`, serializeConstraint(s.constraint)]),
    ),
  };
}

/** The regularizer and constraint options of a normalization layer's `gamma` and `beta`. */
export interface NormalizationTrainingOptions {
  /** Penalty on the offset `beta`. */
  betaRegularizer?: RegularizerOption;
  /** Penalty on the scale `gamma`. */
  gammaRegularizer?: RegularizerOption;
  /** Projection of `beta` after each optimizer step. */
  betaConstraint?: ConstraintOption;
  /** Projection of `gamma` after each optimizer step. */
  gammaConstraint?: ConstraintOption;
}

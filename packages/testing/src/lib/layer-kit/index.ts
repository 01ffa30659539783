export {
  checkLayerPlugin,
  formatLayerCheck,
  formatLayerKitReport,
  runLayerCheck,
} from './check-layer-plugin.js';
export { integerInputs, sequenceMask } from './kit-inputs.js';
export { planLayerChecks } from './plan.js';
export type { PlannedCheck } from './plan.js';
export { LAYER_CHECK_TITLES, LAYER_CHECKS } from './spec.js';
export type {
  BadInput,
  CallShape,
  KitShape,
  LayerCheckName,
  LayerCheckResult,
  LayerKitReport,
  LayerKitSpec,
} from './spec.js';

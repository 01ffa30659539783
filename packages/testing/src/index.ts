export { activateBackend, targetLabel } from './lib/backend-target.js';
export type { ActiveBackend, BackendTarget } from './lib/backend-target.js';
export {
  CHROMIUM_FLAGS,
  checkChromium,
  DEFAULT_CHROMIUM_PATH,
  requireChromium,
} from './lib/chromium.js';
export type { ChromiumCheck, ChromiumTestGate } from './lib/chromium.js';
export { CROSS_ORIGIN_ISOLATION, serveStatic } from './lib/static-server.js';
export type { StaticServer, StaticServerOptions } from './lib/static-server.js';
export type { ConformanceCase } from './lib/case.js';
export {
  conformanceCases,
  conv2dCases,
  denseCases,
  maskCases,
  tutorialCases,
  severalInputsCases,
  timeDistributedCases,
} from './lib/cases/index.js';
export { compareOutputs } from './lib/compare.js';
export type { Comparison, OutputValues, WorstValue } from './lib/compare.js';
export { formatCaseResult } from './lib/format-result.js';
export { runCase } from './lib/run-case.js';
export type { CaseRun } from './lib/run-case.js';
export { runConformance } from './lib/run-conformance.js';
export type {
  CaseResult,
  ConformanceReport,
  RunConformanceOptions,
} from './lib/run-conformance.js';
export { SeededRandom, seededInputs, seededWeights } from './lib/seeded-random.js';
export { SUMS, toleranceFor, TRANSCENDENTAL } from './lib/tolerance.js';
export type { Tolerance } from './lib/tolerance.js';
export {
  checkLayerPlugin,
  formatLayerCheck,
  formatLayerKitReport,
  integerInputs,
  LAYER_CHECK_TITLES,
  LAYER_CHECKS,
  planLayerChecks,
  runLayerCheck,
  sequenceMask,
} from './lib/layer-kit/index.js';
export type {
  BadInput,
  CallShape,
  KitShape,
  LayerCheckName,
  LayerCheckResult,
  LayerKitReport,
  LayerKitSpec,
  PlannedCheck,
} from './lib/layer-kit/index.js';

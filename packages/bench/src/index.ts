export type {
  BackendInfo,
  BackendRequest,
  Completion,
  EngineClass,
  GpuSync,
} from './lib/backend-info.js';
export { checkAgreement, DisagreementError, maxAbsDiff, TOLERANCE } from './lib/check.js';
export { finishOf } from './lib/finish.js';
export { collector } from './lib/gc.js';
export type { MemoryResult, PeakMemory } from './lib/memory.js';
export type { RowResult } from './lib/result.js';
export {
  inputShape,
  ROWS,
  selectRows,
  skipReason,
  tfjsLayersSkipReason,
  type RowKind,
  type RowSpec,
} from './lib/rows.js';
export { rowRecord, runRow, runRows } from './lib/run-row.js';
export { VARIANTS, type VariantName } from './lib/setup.js';
export type { Medians, TargetCheck, Verdict } from './lib/targets.js';
export {
  DATA_SYNC,
  stats,
  timeVariants,
  timingPlan,
  type Finish,
  type Stats,
  type Timed,
  type TimingPlan,
} from './lib/timing.js';
export {
  runStreamRow,
  selectStreamRows,
  STREAM_ROWS,
  type StreamRowResult,
  type StreamRowSpec,
} from './lib/stream-rows.js';

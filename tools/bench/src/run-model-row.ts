/** One whole-model row on the active backend: build both sides, check they agree, time, dispose. */
import * as tf from '@tensorflow/tfjs-core';
import {
  checkAgreement,
  finishOf,
  timeVariants,
  TOLERANCE,
  type BackendInfo,
  type Stats,
  type Timed,
  type TimingPlan,
} from '@framewise/bench';
import { MODEL_ROW_ENGINES, type ModelRowSpec } from './model-rows.js';
import { setupBackboneRow } from './backbone-setup.js';
import { setupModelRow, type ModelSetup } from './model-setup.js';

/** How the model rows are measured, for readers of the JSON and the table. */
export const MODEL_METHOD =
  `a: Framewise model.predict(x); b (backbone rows only): the backbone's predict once on the ` +
  `merged [batch·frames, ...] input, reshaped back; c: the same architecture as a tfjs-layers LayersModel, ` +
  `predict(x) in tf.tidy, with Framewise's weights copied layer by layer. Outputs must agree ` +
  `(max |Δ| ≤ ${TOLERANCE}) before timing. Both sides read the result back (dataSync) and are ` +
  `timed in one shuffled order with a minor GC before each call; tfjs-layers gets at most the ` +
  `row's cap of calls at 1000 steps.`;

export interface ModelRowResult {
  backend: string;
  engine: string;
  id: string;
  label: string;
  medianMs?: { framewise: number; tfjsLayers: number; floor?: number };
  minMs?: { framewise: number; tfjsLayers: number; floor?: number };
  stats?: Record<string, Stats>;
  /** c / a of the medians (and of the fastest calls): above 1, Framewise is faster. */
  tfjsLayersOverFramewise?: { median: number; min: number };
  /** a / b of the medians (and of the fastest calls), on rows with a floor: 1 is no overhead. */
  framewiseOverFloor?: { median: number; min: number };
  maxAbsDiff?: number;
  leakedTensors?: number;
  skipped?: string;
  error?: string;
}

async function measure(
  row: ModelRowSpec,
  setup: ModelSetup,
  backend: BackendInfo,
  plan: TimingPlan,
): Promise<Partial<ModelRowResult>> {
  const { x, framewise, tfjsLayers } = setup;
  const ours: Timed = { name: 'framewise', run: () => framewise.predict(x) as tf.Tensor };
  const theirs: Timed = {
    name: 'tfjsLayers',
    run: () => tf.tidy(() => tfjsLayers.predict(x) as tf.Tensor),
  };
  if (row.tfjsLayersMaxReps !== undefined) {
    theirs.maxReps = row.tfjsLayersMaxReps;
    theirs.warmupCalls = 1;
  }
  const floor: Timed | undefined = setup.floor && { name: 'floor', run: setup.floor };
  const diffs = await checkAgreement(`${backend.label} ${row.label}`, ours.run, {
    tfjsLayers: theirs.run,
    ...(floor ? { floor: floor.run } : {}),
  });
  const variants = floor ? [ours, theirs, floor] : [ours, theirs];
  const timed = await timeVariants(variants, plan, finishOf(backend.completion));
  const a = timed.get('framewise');
  const c = timed.get('tfjsLayers');
  const b = timed.get('floor');
  if (!a || !c) throw new Error(`${row.id}: a side was not timed`);
  return {
    medianMs: {
      framewise: a.medianMs,
      tfjsLayers: c.medianMs,
      ...(b ? { floor: b.medianMs } : {}),
    },
    minMs: { framewise: a.minMs, tfjsLayers: c.minMs, ...(b ? { floor: b.minMs } : {}) },
    stats: Object.fromEntries(timed),
    tfjsLayersOverFramewise: { median: c.medianMs / a.medianMs, min: c.minMs / a.minMs },
    ...(b
      ? { framewiseOverFloor: { median: a.medianMs / b.medianMs, min: a.minMs / b.minMs } }
      : {}),
    ...(diffs['tfjsLayers'] !== undefined ? { maxAbsDiff: diffs['tfjsLayers'] } : {}),
  };
}

/** Runs one row; never throws (an error lands in the record). */
export async function runModelRow(
  row: ModelRowSpec,
  backend: BackendInfo,
  plan: TimingPlan,
  includeSlow = false,
): Promise<ModelRowResult> {
  const result: ModelRowResult = {
    backend: backend.label,
    engine: backend.engine,
    id: row.id,
    label: row.label,
  };
  if (!includeSlow && !MODEL_ROW_ENGINES.includes(backend.engineClass)) {
    return {
      ...result,
      skipped: `model rows run on ${MODEL_ROW_ENGINES.join(', ')} (--include-slow runs them anyway)`,
    };
  }
  const before = tf.memory().numTensors;
  let setup: ModelSetup | undefined;
  try {
    setup = row.kind === 'td-mobilenetv2' ? await setupBackboneRow(row) : setupModelRow(row);
    Object.assign(result, await measure(row, setup, backend, plan));
  } catch (e) {
    result.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } finally {
    setup?.dispose();
  }
  result.leakedTensors = tf.memory().numTensors - before;
  if (result.leakedTensors !== 0 && result.error === undefined) {
    result.error = `${result.leakedTensors} tensor(s) left in the engine after the row was disposed`;
  }
  return result;
}

/** Every model row on the active backend; `onRow` sees each record as soon as it exists. */
export async function runModelRows(
  rows: readonly ModelRowSpec[],
  backend: BackendInfo,
  plan: TimingPlan,
  options: { includeSlow: boolean; onRow: (r: ModelRowResult, seconds: number) => void },
): Promise<ModelRowResult[]> {
  const results: ModelRowResult[] = [];
  for (const row of rows) {
    const t0 = performance.now();
    const r = await runModelRow(row, backend, plan, options.includeSlow);
    results.push(r);
    options.onRow(r, (performance.now() - t0) / 1000);
  }
  return results;
}

const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

/** One progress line. */
export function modelRowLine(r: ModelRowResult, seconds: number): string {
  const head = `[${r.backend}] ${r.label}`;
  if (r.skipped) return `${head}: ${r.skipped}`;
  if (r.error) return `${head}: ERROR ${r.error}`;
  const m = r.medianMs;
  const q = r.tfjsLayersOverFramewise;
  if (!m || !q) return head;
  const b = m.floor === undefined ? '' : `, b ${ms(m.floor)} ms`;
  return `${head}: a ${ms(m.framewise)} ms${b}, c ${ms(m.tfjsLayers)} ms, c/a ${q.median.toFixed(2)} (${seconds.toFixed(0)} s)`;
}

/** Markdown table: medians and fastest calls of both sides, and their ratios (the floor, b, in the label where a row has one). */
export function modelTable(results: readonly ModelRowResult[]): string {
  const lines = [
    '| Backend | Model row | a Framewise median (min) ms | c tfjs-layers median (min) ms | c/a median (min) | max abs diff |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const m = r.medianMs;
    const n = r.minMs;
    const q = r.tfjsLayersOverFramewise;
    if (!m || !n || !q) {
      lines.push(`| ${r.backend} | ${r.label} | ${r.skipped ?? r.error ?? ''} | | | |`);
      continue;
    }
    const f = r.framewiseOverFloor;
    const label =
      m.floor === undefined || n.floor === undefined || !f
        ? r.label
        : `${r.label}; b floor ${ms(m.floor)} (${ms(n.floor)}) ms, a/b ${f.median.toFixed(2)} (${f.min.toFixed(2)})`;
    lines.push(
      `| ${r.backend} | ${label} | ${ms(m.framewise)} (${ms(n.framewise)}) | ` +
        `${ms(m.tfjsLayers)} (${ms(n.tfjsLayers)}) | ${q.median.toFixed(2)} (${q.min.toFixed(2)}) | ` +
        `${(r.maxAbsDiff ?? NaN).toExponential(1)} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The bridge rows: a tfjs-layers model read by `tf.loadLayersModel` (from an
 * in-memory model.json), timed as tfjs-layers runs it and after
 * `accelerateTimeDistributed(tfl)`. Both sides time the same model: each call
 * switches the patch on or off first (a few property writes), so the two run
 * in one shuffled order like every other row.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  DisagreementError,
  finishOf,
  maxAbsDiff,
  timeVariants,
  TOLERANCE,
  type BackendInfo,
  type EngineClass,
  type Stats,
  type TimingPlan,
} from '@framewise/bench';
import { entry } from '@framewise/core';
import { accelerateTimeDistributed, type AccelerationHandle } from '@framewise/tfjs-layers';

export interface BridgeRowSpec {
  /** Stable id, used by `--rows` (every bridge id starts with `bridge-`). */
  id: string;
  label: string;
  kind: 'dense' | 'conv2d';
  batch: number;
  time: number;
  rest: number[];
  units: number;
  /** At most this many timed calls of tfjs-layers' own loop. */
  loopMaxReps: number;
}

/**
 * Where the rows run by default: not on a software GPU adapter (SwiftShader), where
 * tfjs-layers' 1000-step loop alone takes minutes; `--include-slow` runs them there too.
 */
const RUNS_ON: readonly EngineClass[] = ['wasm', 'cpu', 'native', 'gpu'];

/** Why a row was left out on this backend, or undefined when it runs. */
export function bridgeSkipReason(backend: BackendInfo, includeSlow: boolean): string | undefined {
  if (includeSlow || RUNS_ON.includes(backend.engineClass)) return undefined;
  return `skipped on ${backend.engineClass} (tfjs-layers' per-step loop takes minutes there); --include-slow runs it`;
}

export const BRIDGE_ROWS: readonly BridgeRowSpec[] = [
  {
    id: 'bridge-dense-8x1000-64to64',
    label: 'loaded tfjs-layers model: TD(Dense) b8 t1000 64→64',
    kind: 'dense',
    batch: 8,
    time: 1000,
    rest: [64],
    units: 64,
    loopMaxReps: 7,
  },
  {
    id: 'bridge-conv2d-2x64-32x32x3to16',
    label: 'loaded tfjs-layers model: TD(Conv2D 3×3) b2 t64 32×32×3→16',
    kind: 'conv2d',
    batch: 2,
    time: 64,
    rest: [32, 32, 3],
    units: 16,
    loopMaxReps: 9,
  },
];

/** Bridge rows whose id contains a filter starting with `bridge`; all when there is no filter. */
export function selectBridgeRows(filter: string | undefined): BridgeRowSpec[] {
  if (filter === undefined || filter.trim() === '') return BRIDGE_ROWS.slice();
  const parts = filter
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p.startsWith('bridge'));
  return BRIDGE_ROWS.filter((r) => parts.some((p) => r.id.includes(p)));
}

export interface BridgeRowResult {
  backend: string;
  id: string;
  label: string;
  /** Medians in ms per `predict`: tfjs-layers as published, and after the one call. */
  medianMs?: { tfjsLayers: number; accelerated: number };
  /** tfjs-layers / accelerated. */
  speedup?: number;
  stats?: Record<string, Stats>;
  maxAbsDiff?: number;
  leakedTensors?: number;
  error?: string;
}

/** The model the way an app has it: built, saved to a model.json in memory, loaded back. */
async function loadedModel(row: BridgeRowSpec): Promise<tfl.LayersModel> {
  const layer =
    row.kind === 'dense'
      ? tfl.layers.dense({ units: row.units })
      : tfl.layers.conv2d({ filters: row.units, kernelSize: 3, activation: 'relu' });
  const built = tfl.sequential({
    layers: [tfl.layers.timeDistributed({ layer, inputShape: [row.time, ...row.rest] })],
  });
  let artifacts: tf.io.ModelArtifacts = {};
  await built.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  built.dispose();
  return tfl.loadLayersModel(tf.io.fromMemory(artifacts));
}

/** Runs one bridge row on the active backend. Never throws: an error lands in `error`. */
export async function runBridgeRow(
  row: BridgeRowSpec,
  backend: BackendInfo,
  plan: TimingPlan,
): Promise<BridgeRowResult> {
  const result: BridgeRowResult = { backend: backend.label, id: row.id, label: row.label };
  const before = tf.memory().numTensors;
  let model: tfl.LayersModel | undefined;
  let x: tf.Tensor | undefined;
  let handle: AccelerationHandle | undefined;
  try {
    const m = await loadedModel(row);
    model = m;
    const input = tf.randomNormal([row.batch, row.time, ...row.rest], 0, 1, 'float32', 1);
    x = input;
    const plain = () => {
      handle?.undo();
      return m.predict(input) as tf.Tensor;
    };
    const fast = () => {
      handle = accelerateTimeDistributed(tfl);
      return m.predict(input) as tf.Tensor;
    };
    const a = plain();
    const b = fast();
    const diff = await maxAbsDiff(a, b);
    tf.dispose([a, b]);
    result.maxAbsDiff = diff;
    if (!(diff <= TOLERANCE)) {
      throw new DisagreementError(
        `${row.label}: accelerated differs by ${diff} (tolerance ${TOLERANCE})`,
      );
    }
    const finish = finishOf(backend.completion);
    const stats = await timeVariants(
      [
        { name: 'tfjsLayers', run: plain, maxReps: row.loopMaxReps, warmupCalls: 1 },
        { name: 'accelerated', run: fast },
      ],
      plan,
      finish,
    );
    const medianMs = {
      tfjsLayers: entry(stats, 'tfjsLayers', 'timing').medianMs,
      accelerated: entry(stats, 'accelerated', 'timing').medianMs,
    };
    result.medianMs = medianMs;
    result.speedup = medianMs.tfjsLayers / medianMs.accelerated;
    result.stats = Object.fromEntries(stats);
  } catch (e) {
    result.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } finally {
    handle?.undo();
    x?.dispose();
    model?.dispose();
  }
  result.leakedTensors = tf.memory().numTensors - before;
  if (result.leakedTensors !== 0 && result.error === undefined) {
    result.error = `${result.leakedTensors} tensor(s) left in the engine after the row was disposed`;
  }
  return result;
}

/** The Markdown table of the bridge rows. */
export function bridgeTable(rows: readonly BridgeRowResult[]): string {
  const head =
    '| backend | bridge row | tfjs-layers ms | after accelerateTimeDistributed ms | speed-up | max abs diff | reps |';
  const lines = rows.map((r) => {
    if (!r.medianMs || r.speedup === undefined) {
      return `| ${r.backend} | ${r.label} | ERROR: ${r.error ?? 'no result'} | | | | |`;
    }
    const reps = `${r.stats?.['tfjsLayers']?.reps ?? 0}/${r.stats?.['accelerated']?.reps ?? 0}`;
    const ms = (v: number) => (v >= 10 ? v.toFixed(1) : v.toFixed(2));
    return (
      `| ${r.backend} | ${r.label} | ${ms(r.medianMs.tfjsLayers)} | ${ms(r.medianMs.accelerated)} ` +
      `| ${r.speedup.toFixed(1)}× | ${(r.maxAbsDiff ?? 0).toExponential(1)} | ${reps} |`
    );
  });
  return [head, '|' + ' --- |'.repeat(7), ...lines].join('\n');
}

import * as tf from '@tensorflow/tfjs-core';
import { at, formatShape, input, model } from '@framewise/core';
import { dense } from '@framewise/layers';
import { formatSummary, summarize } from '@framewise/summary';
import { startBackend, type BackendName } from '../lib/engine.js';
import type { Io } from '../lib/terminal.js';
import {
  maxAbsDiff,
  stepByStep,
  tutorialModels,
  type TutorialModel,
} from '../lib/tutorial-models.js';
import { medianTime } from '../lib/timing.js';
import type * as TfjsLayers from '@tensorflow/tfjs-layers';

/** Options of `framewise demo`. */
export interface DemoOptions {
  backend: BackendName;
  json: boolean;
  /** Timed runs per measurement (the median is reported). */
  repeats: number;
}

/** What the demo found for one tutorial model (also its `--json` output). */
export interface DemoResult {
  label: string;
  title: string;
  params: number;
  inputShape: number[];
  outputShape: number[];
  /** Largest difference from the inner layer applied step by step. */
  maxAbsDiff: number;
  framewiseMs: number;
  /** `null` when @tensorflow/tfjs-layers is not installed. */
  tfjsLayersMs: number | null;
}

const TOLERANCE = 1e-4;

type Tfl = typeof TfjsLayers;

async function loadTfjsLayers(): Promise<Tfl | null> {
  try {
    return await import('@tensorflow/tfjs-layers');
  } catch {
    return null;
  }
}

async function runExample(
  ex: TutorialModel,
  tfl: Tfl | null,
  repeats: number,
): Promise<DemoResult> {
  const x = tf.randomNormal([ex.batch, ...ex.sampleShape]);
  const y = ex.model.predict(x) as tf.Tensor;
  const expected = stepByStep(ex.wrapper.layer, x);
  const result: DemoResult = {
    label: ex.label,
    title: ex.title,
    params: ex.model.countParams(),
    inputShape: x.shape,
    outputShape: y.shape,
    maxAbsDiff: maxAbsDiff(y, expected),
    framewiseMs: await medianTime(() => ex.wrapper.apply(x), repeats),
    tfjsLayersMs: null,
  };
  if (tfl) {
    const reference = tfl.layers.timeDistributed({ layer: ex.reference(tfl) as never });
    reference.build([null, ...ex.sampleShape]);
    reference.setWeights(ex.wrapper.getWeights());
    result.tfjsLayersMs = await medianTime(() => reference.apply(x) as tf.Tensor, repeats);
  }
  tf.dispose([x, y, expected]);
  return result;
}

/** Dense straight on the 3-D input: the tutorial's open question (why no wrapper is needed), answered with numbers. */
function denseWithoutWrapper(ex: TutorialModel): {
  params: number;
  outputShape: string;
  maxAbsDiff: number;
} {
  const x = input({ shape: ex.sampleShape });
  const direct = dense({ units: 10, name: 'dense_direct' });
  const m = model({ inputs: x, outputs: direct.apply(x) });
  direct.setWeights(ex.wrapper.getWeights());
  const data = tf.randomNormal([ex.batch, ...ex.sampleShape]);
  const diff = maxAbsDiff(m.predict(data) as tf.Tensor, ex.model.predict(data) as tf.Tensor);
  return {
    params: m.countParams(),
    outputShape: formatShape(at(m.outputs, 0, 'model output').shape),
    maxAbsDiff: diff,
  };
}

const ms = (v: number | null): string => (v === null ? 'n/a' : `${v.toFixed(2)} ms`);

/**
 * `framewise demo`: the tutorial's two models (TimeDistributed Dense on (12, 8), Conv2D
 * on (12, 32, 32, 3)), their Keras 2.2 summaries,
 * a check against the layer applied step by step, and the time against
 * tfjs-layers' TimeDistributed. Returns the exit code.
 */
export async function demo(options: DemoOptions, io: Io): Promise<number> {
  const choice = await startBackend(options.backend, io);
  const backend = `${choice.name} (${choice.engine})`;
  const tfl = await loadTfjsLayers();
  const examples = tutorialModels();
  const results: DemoResult[] = [];
  if (!options.json)
    io.out(`Framewise demo: TensorFlow.js ${tf.version_core} on the ${backend} backend\n`);
  for (const [i, ex] of examples.entries()) {
    if (!options.json) {
      io.out(`${i + 1}. ${ex.title}`);
      io.out(formatSummary(summarize(ex.model), { style: 'classic' }).replace(/\n$/, ''));
    }
    io.err(`  running ${ex.label} (${options.repeats} timed runs)...`);
    const r = await runExample(ex, tfl, options.repeats);
    results.push(r);
    if (options.json) continue;
    const ok = r.maxAbsDiff <= TOLERANCE ? 'OK' : 'MISMATCH';
    io.out(`predict ${formatShape(r.inputShape)} -> ${formatShape(r.outputShape)}`);
    io.out(
      `equals the inner layer applied step by step: max |diff| = ${r.maxAbsDiff.toExponential(1)} (${ok})`,
    );
    if (i === 0) {
      const d = denseWithoutWrapper(ex);
      io.out(
        `Dense applied straight to ${formatShape([null, ...ex.sampleShape])}: ${d.params} params, output ${d.outputShape}, ` +
          `max |diff| = ${d.maxAbsDiff.toExponential(1)}: Dense acts on the last axis only, so it already treats every step alike.`,
      );
    }
    io.out('');
  }
  if (options.json) {
    io.out(
      JSON.stringify(
        { backend: choice.name, engine: choice.engine, tfjs: tf.version_core, results },
        null,
        2,
      ),
    );
  } else {
    io.out(
      `Time per forward pass (median of ${options.repeats}, same input and weights, ${backend}):`,
    );
    io.out(
      '| model | Framewise TimeDistributed | tfjs-layers TimeDistributed | tfjs-layers / Framewise |',
    );
    io.out('| --- | ---: | ---: | ---: |');
    for (const r of results) {
      const ratio =
        r.tfjsLayersMs === null ? 'n/a' : `${(r.tfjsLayersMs / r.framewiseMs).toFixed(1)}×`;
      io.out(
        `| ${r.label} ${formatShape(r.inputShape)} | ${ms(r.framewiseMs)} | ${ms(r.tfjsLayersMs)} | ${ratio} |`,
      );
    }
    if (!tfl) io.out('(install @tensorflow/tfjs-layers to compare with its TimeDistributed)');
  }
  return results.every((r) => r.maxAbsDiff <= TOLERANCE) ? 0 : 1;
}

// The page that headless Chromium runs for conformance-webgl.spec.ts, bundled by esbuild from
// source: the conformance suite (tutorial models included) and the layer kit, on WebGL. It
// imports the suite's modules directly, not '@framewise/testing', whose Node helpers
// (Chromium, the static server) have no place in a page.
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@framewise/core';
import { webglBackend } from '@framewise/backend-webgl';
import { runConformance } from '../../lib/run-conformance.js';
import { formatCaseResult } from '../../lib/format-result.js';
import { checkLayerPlugin, formatLayerCheck } from '../../lib/layer-kit/check-layer-plugin.js';
import { basicEntries } from '../layer-catalog/basic.test-helpers.js';
import { recurrentEntries } from '../layer-catalog/recurrent.test-helpers.js';
import { spatialEntries } from '../layer-catalog/spatial.test-helpers.js';
import type { WebglPageResult } from './result.test-helpers.js';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function run(): Promise<WebglPageResult> {
  const probe = await webglBackend.probe();
  const choice = await useBackend('webgl', { log: () => {} });
  const report = await runConformance({ backend: 'webgl' });
  const conformance = report.results.map((r) => ({
    name: r.name,
    passed: r.passed,
    maxAbsDiff: r.maxAbsDiff,
    tolerance: r.tolerance,
    text: formatCaseResult(r, 'webgl'),
  }));
  // The layer kit on WebGL: each check runs its layers on the active engine.
  const layerKit = [];
  for (const entry of [...basicEntries, ...spatialEntries, ...recurrentEntries]) {
    await tf.setBackend('webgl');
    const kit = await checkLayerPlugin(entry.spec);
    for (const check of kit.checks) {
      layerKit.push({
        title: entry.title,
        check: check.name,
        passed: check.passed,
        skipped: check.skipped,
        expectedFailure: entry.expectFailures?.[check.name],
        text: formatLayerCheck(entry.spec.plugin.className, check),
      });
    }
  }
  return { probe, chosen: choice.engine, conformance, layerKit, engineAfter: tf.getBackend() };
}

(window as unknown as { webglResult: Promise<WebglPageResult | { error: string }> }).webglResult =
  run().catch((e: unknown) => ({ error: message(e) }));

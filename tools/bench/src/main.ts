/**
 * `npm run bench`: Framewise's TimeDistributed against the floor (the inner op
 * once on the merged input) and tfjs-layers, on the wasm and cpu backends.
 * Markdown goes to stdout, progress to stderr, everything to the JSON file.
 */
import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs, USAGE, UsageError, type BackendName } from './args.js';
import { useBackend, type BackendInfo } from './backend.js';
import { checkAgreement } from './check.js';
import { collector } from './gc.js';
import { machineInfo } from './machine.js';
import { chunkedRun, measureChunkMemory } from './memory.js';
import { memoryTable, targetLines, timingTable, writeJson, type BenchReport } from './report.js';
import { summarise, type RowResult } from './result.js';
import { inputShape, selectRows, type RowSpec } from './rows.js';
import { setupRow, type RowSetup } from './setup.js';
import { timeVariants, timingPlan, type Timed, type TimingPlan } from './timing.js';

const METHOD =
  'Each call is timed alone with performance.now(): the call, dataSync() of the result and its dispose(). ' +
  'Every variant is warmed up; then all calls of a row run in one shuffled order; each variant gets about ' +
  'budgetMs of calls (at least minReps). A minor GC (scavenge) runs before each call of a variant slower than gcAboveMs, ' +
  'outside the timed region. Medians in ms. Outputs are compared to the floor (max |Δ| ≤ 1e-4) before timing.';

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function runRow(row: RowSpec, backend: BackendName, plan: TimingPlan): Promise<RowResult> {
  const result: RowResult = {
    backend,
    id: row.id,
    label: row.label,
    inputShape: inputShape(row),
    units: row.units,
  };
  const tensorsBefore = tf.memory().numTensors;
  let setup: RowSetup | undefined;
  try {
    setup = setupRow(row);
    const v = setup.variants;
    result.maxAbsDiff = checkAgreement(`${backend} ${row.label}`, v.floor.run, {
      apply: v.apply.run,
      predict: v.predict.run,
      tfjsLayers: v.tfjsLayers.run,
    });
    // floorAgain: the floor once more, as an A/A control of the timing's noise.
    const timed: Timed[] = [
      v.apply,
      v.predict,
      v.floor,
      v.tfjsLayers,
      { name: 'floorAgain', run: v.floor.run },
    ];
    if (row.chunkSize !== undefined) {
      result.memory = await measureChunkMemory(setup, row.chunkSize);
      result.maxAbsDiff['chunked'] = result.memory.maxAbsDiff;
      timed.push({ name: 'chunked', run: chunkedRun(setup, row.chunkSize) });
    }
    Object.assign(result, summarise(row, backend, timeVariants(timed, plan)));
  } catch (e) {
    result.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } finally {
    setup?.dispose();
  }
  result.leakedTensors = tf.memory().numTensors - tensorsBefore;
  if (result.leakedTensors !== 0 && result.error === undefined) {
    result.error = `${result.leakedTensors} tensor(s) left in the engine after the row was disposed`;
  }
  return result;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const rows = selectRows(args.rows);
  if (rows.length === 0) throw new UsageError(`--rows ${JSON.stringify(args.rows)} matches no row`);
  const plan = timingPlan(args.quick);
  const machine = machineInfo();
  const started = performance.now();
  const backends: BackendInfo[] = [];
  const results: RowResult[] = [];
  for (const backend of args.backends) {
    backends.push(await useBackend(backend));
    for (const row of rows) {
      const t0 = performance.now();
      const r = await runRow(row, backend, plan);
      results.push(r);
      const took = ((performance.now() - t0) / 1000).toFixed(1);
      progress(`[${backend}] ${row.label}: ${r.error ? `ERROR ${r.error}` : 'ok'} (${took} s)`);
    }
  }

  const report: BenchReport = {
    machine,
    loadAverageEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
    backends,
    quick: args.quick,
    gcBeforeSlowCalls: collector() !== null,
    method: `${METHOD} Plan: ${JSON.stringify(plan)}`,
    rows: results,
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  await writeJson(args.out, report);

  const wasm = backends.find((b) => b.name === 'wasm');
  console.log(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
      `load ${machine.loadAverage[0]} → ${report.loadAverageEnd[0]}, ` +
      `tfjs ${machine.tfjsCore}` +
      (wasm ? ` (wasm: ${wasm.wasmThreads} thread(s), SIMD ${wasm.wasmSimd ? 'on' : 'off'})` : '') +
      (args.quick ? ', --quick' : ''),
  );
  console.log('');
  console.log(timingTable(results));
  const mem = memoryTable(results);
  if (mem) console.log(`\n${mem}`);
  console.log('');
  for (const line of targetLines(results)) console.log(line);
  const failed = results.filter((r) => r.error !== undefined);
  for (const r of failed) console.error(`ERROR [${r.backend}] ${r.label}: ${r.error}`);
  console.log(`\nJSON: ${args.out} (${report.totalSeconds} s)`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      console.error(e);
      process.exitCode = 1;
    }
  },
);

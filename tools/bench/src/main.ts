/**
 * `npm run bench`: Framewise's TimeDistributed against the floor (the inner op
 * once on the merged input) and tfjs-layers, on wasm, cpu and WebGPU (or what
 * `useBackend('auto')` picks). Markdown goes to stdout, progress to stderr,
 * everything to the JSON file.
 */
import * as os from 'node:os';
import {
  collector,
  runRows,
  runStreamRow,
  selectRows,
  selectStreamRows,
  timingPlan,
  type BackendInfo,
  type BackendRequest,
  type RowResult,
  type StreamRowResult,
} from '@framewise/bench';
import { parseArgs, USAGE, UsageError } from './args.js';
import { activateBackend, webgpuSkipReason, type SkippedBackend } from './backend.js';
import { writeJson } from './json-file.js';
import { machineInfo } from './machine.js';
import {
  backendLine,
  memoryTable,
  METHOD,
  rowLine,
  targetLines,
  timingTable,
  type BenchReport,
} from './report.js';
import {
  bridgeSkipReason,
  bridgeTable,
  runBridgeRow,
  selectBridgeRows,
  type BridgeRowResult,
} from './bridge-rows.js';
import { runTrainRows, TRAIN_METHOD, type TrainRowResult } from './run-train-row.js';
import { trainingTable, trainRowLine } from './train-report.js';
import { selectTrainRows } from './train-rows.js';
import { STREAM_METHOD, streamRowLine, streamTable } from './stream-report.js';
import { selectModelRows } from './model-rows.js';
import {
  MODEL_METHOD,
  modelRowLine,
  modelTable,
  runModelRows,
  type ModelRowResult,
} from './run-model-row.js';
import { selectPoolRows } from './pool-rows.js';
import { POOL_METHOD, poolTable, runPoolRows, type PoolRowResult } from './run-pool-row.js';

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const rows = selectRows(args.rows);
  const trainRows = selectTrainRows(args.rows);
  const streamRows = selectStreamRows(args.rows);
  const bridgeRows = selectBridgeRows(args.rows);
  const modelRows = selectModelRows(args.rows);
  const poolRows = selectPoolRows(args.rows);
  const onlyPool =
    rows.length === 0 &&
    trainRows.length === 0 &&
    streamRows.length === 0 &&
    bridgeRows.length === 0 &&
    modelRows.length === 0;
  if (onlyPool && poolRows.length === 0)
    throw new UsageError(`--rows ${JSON.stringify(args.rows)} matches no row`);
  const plan = timingPlan(args.quick, args.budgetMs);
  const machine = machineInfo();
  const started = performance.now();
  const backends: BackendInfo[] = [];
  const skippedBackends: SkippedBackend[] = [];
  const results: RowResult[] = [];
  const trainResults: TrainRowResult[] = [];
  const streamResults: StreamRowResult[] = [];
  const bridgeResults: BridgeRowResult[] = [];
  const modelResults: ModelRowResult[] = [];
  const failures: string[] = [];
  const runs = (onlyPool ? [] : args.backends).flatMap(
    (request): { request: BackendRequest; threads?: number }[] =>
      request === 'wasm' && args.threads
        ? args.threads.map((threads) => ({ request, threads }))
        : [{ request }],
  );
  for (const { request, threads } of runs) {
    if (request === 'webgpu' && args.allBackends) {
      const why = await webgpuSkipReason();
      if (why) {
        skippedBackends.push({ requested: request, reason: why });
        progress(`[webgpu] skipped: ${why}`);
        continue;
      }
    }
    let backend: BackendInfo;
    try {
      backend = await activateBackend(request, args.gpuSync, progress, threads, args.parallelRead);
    } catch (e) {
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      failures.push(`backend ${request} did not start: ${message}`);
      progress(`[${request}] ERROR ${message}`);
      continue;
    }
    backends.push(backend);
    progress(`[${backend.label}] ${backendLine(backend)}`);
    results.push(
      ...(await runRows(rows, backend, plan, {
        includeSlow: args.includeSlow,
        onRow: (r, s) => progress(rowLine(r, s)),
      })),
    );
    trainResults.push(
      ...(await runTrainRows(trainRows, backend, plan, {
        onRow: (r, s) => progress(trainRowLine(r, s)),
      })),
    );
    for (const row of streamRows) {
      try {
        const r = await runStreamRow(row, backend.label, plan);
        progress(streamRowLine(r));
        streamResults.push(r);
      } catch (e) {
        const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        failures.push(`[${backend.label}] ${row.label}: ${message}`);
        progress(`[${backend.label}] ${row.label}: ERROR ${message}`);
      }
    }
    const bridgeSkip = bridgeSkipReason(backend, args.includeSlow);
    if (bridgeSkip && bridgeRows.length > 0)
      progress(`[${backend.label}] bridge rows ${bridgeSkip}`);
    for (const row of bridgeSkip ? [] : bridgeRows) {
      const t0 = performance.now();
      const r = await runBridgeRow(row, backend, plan);
      bridgeResults.push(r);
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      progress(`[${r.backend}] ${r.label}: ${r.error ? `ERROR ${r.error}` : 'ok'} (${seconds} s)`);
    }
    modelResults.push(
      ...(await runModelRows(modelRows, backend, plan, {
        includeSlow: args.includeSlow,
        onRow: (r, s) => progress(modelRowLine(r, s)),
      })),
    );
  }

  // Last: these rows switch between wasm's builds themselves.
  const poolResults: PoolRowResult[] =
    poolRows.length > 0 ? await runPoolRows(poolRows, plan, progress) : [];

  const report: BenchReport = {
    machine,
    loadAverageEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
    backends,
    skippedBackends,
    quick: args.quick,
    gcBeforeSlowCalls: collector() !== null,
    method: `${METHOD} Plan: ${JSON.stringify(plan)}`,
    rows: results,
    trainingMethod: TRAIN_METHOD,
    trainingRows: trainResults,
    streamingMethod: STREAM_METHOD,
    streamingRows: streamResults,
    bridgeRows: bridgeResults,
    modelMethod: MODEL_METHOD,
    modelRows: modelResults,
    ...(poolRows.length > 0 ? { poolMethod: POOL_METHOD, poolRows: poolResults } : {}),
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  await writeJson(args.out, report);

  console.log(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
      `load ${machine.loadAverage[0]} → ${report.loadAverageEnd[0]}, ` +
      `tfjs ${machine.tfjsCore}` +
      (args.quick ? ', --quick' : ''),
  );
  for (const b of backends) console.log(`- ${backendLine(b)}`);
  for (const s of skippedBackends) console.log(`- ${s.requested} skipped: ${s.reason}`);
  console.log('');
  if (rows.length > 0) console.log(timingTable(results));
  if (trainRows.length > 0) {
    if (rows.length > 0) console.log('');
    console.log(trainingTable(trainResults));
  }
  if (streamResults.length > 0) console.log(`\n${streamTable(streamResults)}`);
  if (bridgeRows.length > 0) console.log(`\n${bridgeTable(bridgeResults)}`);
  if (modelRows.length > 0) {
    if (rows.length > 0 || trainRows.length > 0) console.log('');
    console.log(modelTable(modelResults));
  }
  if (poolResults.length > 0) console.log(`\n${poolTable(poolResults)}`);
  const mem = memoryTable(results);
  if (mem) console.log(`\n${mem}`);
  console.log('');
  for (const line of targetLines(results)) console.log(line);
  for (const r of [...results, ...trainResults, ...bridgeResults, ...modelResults].filter(
    (x) => x.error !== undefined,
  )) {
    failures.push(`[${r.backend}] ${r.label}: ${r.error}`);
  }
  for (const r of poolResults.filter((x) => x.error !== undefined)) {
    failures.push(`[pool] ${r.label}: ${r.error}`);
  }
  for (const f of failures) console.error(`ERROR ${f}`);
  console.log(`\nJSON: ${args.out} (${report.totalSeconds} s)`);
  return failures.length > 0 ? 1 : 0;
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

import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import { FramewiseError, type Model } from '@framewise/core';
import { FUZZ_SEED } from './mutations.test-helpers.js';

/** What one fuzz case ended in. */
export type Outcome = 'loaded' | 'refused';

/** Outcomes counted per spec, so each can show that both kinds happen. */
export class Tally {
  loaded = 0;
  refused = 0;
  add(o: Outcome): void {
    this[o]++;
  }
}

/**
 * Runs one load of a mutated file and checks the contract: it ends in a loaded
 * model or a typed `FramewiseError` (never a parser's own exception), within
 * `timeoutMs` (no hang on the event loop), and leaves `tf.memory().numTensors`
 * where it was (the model, when one loads, is disposed here). A loop inside one
 * synchronous call cannot be interrupted in-process: it shows as the test file's
 * own timeout. Two were found that way and fixed (core's initializers now refuse
 * NaN spreads; HDF5 is read in a worker with a time limit).
 */
export async function checkLoad(
  load: () => Promise<Model>,
  describeCase: () => string,
  timeoutMs = 10_000,
): Promise<Outcome> {
  const before = tf.memory().numTensors;
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`HANG: no outcome after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  let outcome: 'loaded' | 'refused';
  try {
    const model = await Promise.race([load(), hang]);
    try {
      // A model that loads must be a usable one: its weights are counted without surprises.
      model.countParams();
    } finally {
      model.dispose();
    }
    outcome = 'loaded';
  } catch (e) {
    if (!(e instanceof FramewiseError)) {
      const err = e as Error;
      throw new Error(
        `untyped ${err?.constructor?.name ?? typeof e}: ${err?.message ?? String(e)}\n` +
          `case: ${describeCase()}\n${err?.stack ?? ''}`,
      );
    }
    outcome = 'refused';
  } finally {
    clearTimeout(timer);
  }
  const after = tf.memory().numTensors;
  if (after !== before) {
    throw new Error(`leaked ${after - before} tensor(s) (${outcome}); case: ${describeCase()}`);
  }
  return outcome;
}

/** Failures of one fuzz run, grouped by kind: the first case of each and how often it came. */
export interface FuzzReport {
  tally: Tally;
  failures: { kind: string; count: number; example: string }[];
}

/**
 * Runs `numRuns` seeded cases of `arbitrary` through `runCase` and collects every
 * contract violation instead of stopping at the first, so one run lists each kind of
 * bug once (with a replayable example). Assert `failures` is empty.
 */
export async function fuzz<T>(
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  runCase: (value: T) => Promise<Outcome>,
): Promise<FuzzReport> {
  const tally = new Tally();
  const groups = new Map<string, { kind: string; count: number; example: string }>();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      try {
        tally.add(await runCase(value));
      } catch (e) {
        const message = (e as Error).message;
        // Group by the first line with numbers and quoted names blanked out.
        const kind = message
          .split('\n')[0]!
          .replace(/case: .*/, '')
          .replace(/'[^']*'|"[^"]*"/g, "'…'")
          .replace(/\d+/g, 'N')
          .slice(0, 200);
        const group = groups.get(kind) ?? { kind, count: 0, example: message.slice(0, 1500) };
        group.count++;
        groups.set(kind, group);
      }
    }),
    { seed: FUZZ_SEED, numRuns },
  );
  return { tally, failures: [...groups.values()] };
}

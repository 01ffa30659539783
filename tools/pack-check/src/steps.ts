/** Thrown by a step to be reported as skipped rather than failed. */
export class Skip extends Error {}

/** One check: a name, what it needs before it, and what it does. */
export interface Step<C> {
  name: string;
  title: string;
  needs?: string[];
  /** Lines for the report (notes, figures); throws to fail, throws `Skip` to skip. */
  run(context: C): Promise<string[] | void>;
}

export interface StepResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  seconds: number;
}

/** Runs the steps in order; a step whose `needs` did not pass is skipped. */
export async function runSteps<C>(
  steps: Step<C>[],
  context: C,
  log: (line: string) => void,
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of steps) {
    const missing = (step.needs ?? []).filter(
      (need) => results.find((r) => r.name === need)?.status !== 'passed',
    );
    if (missing.length > 0) {
      log(`- ${step.title}: skipped (needs ${missing.join(', ')})`);
      results.push({ name: step.name, status: 'skipped', seconds: 0 });
      continue;
    }
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const notes = (await step.run(context)) ?? [];
      log(`✓ ${step.title} (${seconds().toFixed(1)} s)`);
      for (const note of notes) log(`    ${note}`);
      results.push({ name: step.name, status: 'passed', seconds: seconds() });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Skip) {
        log(`- ${step.title}: skipped: ${message}`);
        results.push({ name: step.name, status: 'skipped', seconds: seconds() });
      } else {
        log(`✗ ${step.title} (${seconds().toFixed(1)} s)`);
        for (const line of message.split('\n')) log(`    ${line}`);
        results.push({ name: step.name, status: 'failed', seconds: seconds() });
      }
    }
  }
  return results;
}

/** Throws one error listing every problem, or returns. */
export function assertNone(problems: string[], what: string): void {
  if (problems.length > 0) {
    throw new Error(`${problems.length} ${what}:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

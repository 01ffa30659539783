import { describe, it } from '@jest/globals';
import { formatLayerCheck, runLayerCheck } from '../lib/layer-kit/check-layer-plugin.js';
import { planLayerChecks } from '../lib/layer-kit/plan.js';
import type { LayerCheckName, LayerKitSpec } from '../lib/layer-kit/spec.js';

/**
 * Options of `describeLayerPlugin`.
 *
 * ```ts
 * describeLayerPlugin(spec, { title: 'MyPooling', expectFailures: { leaks: 'computeMask leaks; fixed in 0.2' } });
 * ```
 */
export interface DescribeLayerPluginOptions {
  /** Title of the block; default `layer plugin <className>`. */
  title?: string;
  /** Timeout of each check's test in milliseconds; default 30 000. */
  timeout?: number;
  /**
   * Checks known to fail, each with the reason (a bug you have reported): they run as
   * `it.failing`, so the block stays green while they fail and turns red once they pass.
   */
  expectFailures?: Partial<Record<LayerCheckName, string>>;
  /** Registers the block instead of Jest's `describe` (`describe.skip`, a gate of your own). */
  describe?: (title: string, fn: () => void) => void;
}

/**
 * Registers a Jest `describe` block with one test per layer-kit check (shapes, params,
 * config, time-distributed, leaks, bad-input). A failing test prints what went wrong with
 * the numbers; a skipped check is registered as `it.skip` with the reason in its title.
 *
 * ```ts
 * import { describeLayerPlugin } from '@framewise/testing/jest';
 * import { myPoolingPlugin } from './my-pooling.js';
 *
 * describeLayerPlugin({
 *   plugin: myPoolingPlugin,
 *   options: { poolSize: 2 },
 *   inputShapes: [[2, 8, 8, 3], [1, null, null, 3]],
 * });
 * ```
 */
export function describeLayerPlugin<O>(
  spec: LayerKitSpec<O>,
  options: DescribeLayerPluginOptions = {},
): void {
  const { title, timeout = 30_000, expectFailures = {}, describe: block = describe } = options;
  block(title ?? `layer plugin ${spec.plugin.className}`, () => {
    for (const check of planLayerChecks(spec)) {
      const name = `${check.name}: ${check.title}`;
      if (check.skipped !== undefined) {
        it.skip(`${name} (skipped: ${check.skipped})`, () => undefined);
        continue;
      }
      const known = expectFailures[check.name];
      const test = known === undefined ? it : it.failing;
      test(
        known === undefined ? name : `${name} (known failure: ${known})`,
        async () => {
          const result = await runLayerCheck(spec, check.name);
          if (!result.passed) throw new Error(formatLayerCheck(spec.plugin.className, result));
        },
        timeout,
      );
    }
  });
}

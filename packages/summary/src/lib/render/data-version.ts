import { ConfigError } from '@framewise/core';
import { SUMMARY_VERSION, type SummaryData } from '../types.js';

/**
 * Renderers read one version of the data; older data (say, JSON saved by an
 * earlier release) is refused with the version it has, rather than misread.
 */
export function checkSummaryData(data: SummaryData, renderer: string): void {
  if (data?.version !== SUMMARY_VERSION) {
    throw new ConfigError(
      `${renderer}() expects summary data of version ${SUMMARY_VERSION}, received ${String(data?.version)}; ` +
        `summarize() the model again with this version of @framewise/summary`,
    );
  }
}

import type { BackendProbe } from '@framewise/core';

/** What the WebGL page hands back to the spec, as plain JSON. */
export interface WebglPageResult {
  probe: BackendProbe;
  /** The engine `useBackend('webgl')` activated. */
  chosen: string;
  conformance: {
    name: string;
    passed: boolean;
    maxAbsDiff: number;
    tolerance: number;
    text: string;
  }[];
  layerKit: {
    title: string;
    check: string;
    passed: boolean;
    skipped?: string;
    expectedFailure?: string;
    text: string;
  }[];
  /** The active engine once everything ran: still webgl, nothing fell back to cpu. */
  engineAfter: string;
}

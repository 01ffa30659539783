/** What a check found: problems fail it; notes say what was checked when it passes. */
export interface CheckOutcome {
  problems: string[];
  notes: string[];
}

/** An empty outcome to fill in. */
export function outcome(): CheckOutcome {
  return { problems: [], notes: [] };
}

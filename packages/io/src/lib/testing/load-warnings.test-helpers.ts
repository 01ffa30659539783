/** A JSON value as the bytes of a file. */
export const json = (x: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(x));

/** Collects a load's warnings, so a test can say exactly which it expects. */
export function warnings(): { onWarning: (m: string) => void; seen: string[] } {
  const seen: string[] = [];
  return { onWarning: (m) => seen.push(m), seen };
}

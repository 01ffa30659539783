/**
 * The wasm engine's thread count for this page. tfjs-backend-wasm fixes it when the engine
 * starts, once per page, so a choice made afterwards takes a reload: the page keeps it in its
 * address (`?threads=1`, before the `#/` route), where a link can carry it too.
 */

/** `?threads=N` of the page's address, or undefined for the engine's default (half the cores). */
export function requestedWasmThreads(search: string = location.search): number | undefined {
  const raw = new URLSearchParams(search).get('threads');
  if (raw === null) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** Reloads the page with `threads` (undefined: the default), keeping its route. */
export function reloadWithWasmThreads(threads: number | undefined): void {
  const url = new URL(location.href);
  if (threads === undefined) url.searchParams.delete('threads');
  else url.searchParams.set('threads', String(threads));
  location.assign(url.href);
}

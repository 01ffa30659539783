import { pythonThousands } from './python-text.js';

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
const COUNT_UNITS = ['', 'K', 'M', 'G', 'T', 'P'];

// Python's '{:.2f}'.format(x): toFixed rounds the exact binary value as Python does, except
// on exact ties (x = odd/8, such as 1.125), which Python sends to the even digit and JS up.
function twoDecimals(x: number): string {
  const eighths = x * 8;
  if (Number.isInteger(eighths) && Math.abs(eighths) % 2 === 1) {
    const cents = Math.floor(x * 100);
    return ((cents % 2 === 0 ? cents : cents + 1) / 100).toFixed(2);
  }
  return x.toFixed(2);
}

/**
 * Bytes as Keras 3's summary writes them: two decimals and the largest unit
 * under 1024 of the next (`3.50 KB` for 3,584 bytes; 1 KB = 1024 bytes).
 */
export function readableBytes(bytes: number): string {
  let value = bytes;
  for (const unit of BYTE_UNITS.slice(0, -1)) {
    if (value / 1024 < 1) return `${twoDecimals(value)} ${unit}`;
    value /= 1024;
  }
  return `${twoDecimals(value)} ${BYTE_UNITS[BYTE_UNITS.length - 1]}`;
}

/** A count of `unit` in SI steps of 1000 with two decimals (`21.23 MFLOPs`); exact below 1000 (`960 FLOPs`). */
export function readableCount(n: number, unit: string): string {
  if (Math.abs(n) < 1000) return `${n} ${unit}`;
  let value = n;
  for (const prefix of COUNT_UNITS.slice(0, -1)) {
    if (Math.abs(value) < 1000) return `${twoDecimals(value)} ${prefix}${unit}`;
    value /= 1000;
  }
  return `${twoDecimals(value)} ${COUNT_UNITS[COUNT_UNITS.length - 1]}${unit}`;
}

/** An integer with thousands separators (`12,846,080`), or `?` for an unknown figure. */
export function countText(n: number | null): string {
  return n === null ? '?' : pythonThousands(n);
}

/** Bytes for a cell (`3.50 KB`), or `?` when unknown. */
export function bytesText(n: number | null): string {
  return n === null ? '?' : readableBytes(n);
}

/** `part` as a percentage of `whole` with two decimals (`89.71%`); `0.00%` of nothing. */
export function percentText(part: number, whole: number): string {
  return `${twoDecimals(whole === 0 ? 0 : (100 * part) / whole)}%`;
}

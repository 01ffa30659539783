// Within a word, places after which a break reads naturally: `time_` `distributed_1`,
// `(TimeDistributed(` `Conv2D))`, `model_1/` `dense_1`, `[0]` `[0]`.
const SOFT_BREAK = /(?<=[_/(,.\]-])/u;

/** Length in code points, as the eye (and Python's `len`) counts characters. */
export function textWidth(text: string): number {
  return Array.from(text).length;
}

/** The longest run a cell cannot break inside: its longest space-separated word. */
export function longestWord(text: string): number {
  return Math.max(0, ...text.split(/[\s]+/u).map(textWidth));
}

function hardSplit(word: string, width: number): string[] {
  const chars = Array.from(word);
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += width) parts.push(chars.slice(i, i + width).join(''));
  return parts;
}

// A word wider than the column: at soft breaks where possible, else every `width` characters.
function splitWord(word: string, width: number): string[] {
  const pieces = word
    .split(SOFT_BREAK)
    .flatMap((p) => (textWidth(p) > width ? hardSplit(p, width) : [p]));
  const lines: string[] = [];
  for (const piece of pieces) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(last) + textWidth(piece) <= width) {
      lines[lines.length - 1] = last + piece;
    } else {
      lines.push(piece);
    }
  }
  return lines;
}

/**
 * Wraps text to lines of at most `width` characters without dropping any:
 * at spaces first (a shape breaks after its commas, a layer cell before
 * its `(Type)`), inside long words at `_ / ( , . ] -`, and only as a last
 * resort anywhere. `\n` starts a new line. Trailing spaces are dropped.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  return text.split('\n').flatMap((paragraph) => {
    const lines: string[] = [];
    let line = '';
    for (const word of paragraph.split(' ').filter((p) => p !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (textWidth(candidate) <= w) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      const parts = textWidth(word) <= w ? [word] : splitWord(word, w);
      line = parts.pop() ?? '';
      lines.push(...parts);
    }
    lines.push(line);
    return lines;
  });
}

import {
  ConfigError,
  input,
  model,
  resetNames,
  timeDistributed,
  type SymbolicTensor,
} from '@framewise/core';
import { dense } from '@framewise/layers';
import { formatSummary, printSummary, summaryStyles } from './format.js';
import { summarize } from './summarize.js';
import { conv2dTutorial } from '../testing/models.test-helpers.js';
import { TUTORIAL_CONV2D } from '../testing/tutorial-tables.test-helpers.js';

beforeEach(() => resetNames());

describe('printSummary', () => {
  it('hands the Conv2D table to printFn, one call per line', () => {
    const printFn = jest.fn<void, [string]>();
    printSummary(conv2dTutorial(), { printFn });
    expect(printFn).toHaveBeenCalledTimes(TUTORIAL_CONV2D.length);
    expect(printFn.mock.calls).toEqual(TUTORIAL_CONV2D.map((line) => [line]));
  });

  it('prints to console.log by default', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      printSummary(conv2dTutorial());
      expect(log.mock.calls.map((c) => c[0])).toEqual(TUTORIAL_CONV2D);
    } finally {
      log.mockRestore();
    }
  });

  it('passes lineLength and positions to the renderer', () => {
    const lines: string[] = [];
    printSummary(conv2dTutorial(), {
      lineLength: 40,
      positions: [0.5, 0.75, 1],
      printFn: (l) => lines.push(l),
    });
    expect(lines[0]).toBe('_'.repeat(40));
    expect(lines[5]).toBe('time_distributed_1  (None, 12 896       ');
  });

  it('names the styles that exist when asked for one that does not', () => {
    expect(summaryStyles).toEqual(['classic', 'wide', 'markdown', 'html', 'json']);
    const printFn = jest.fn();
    const fancy = { style: 'fancy' as never, printFn };
    expect(() => printSummary(conv2dTutorial(), fancy)).toThrow(ConfigError);
    expect(() => printSummary(conv2dTutorial(), fancy)).toThrow(
      /"fancy"; styles that exist: classic, wide, markdown, html, json/,
    );
    expect(printFn).not.toHaveBeenCalled();
  });

  it.each(summaryStyles)('calls printFn once per line in the %s style', (style) => {
    const printFn = jest.fn<void, [string]>();
    printSummary(conv2dTutorial(), { style, printFn });
    const lines = printFn.mock.calls.map(([line]) => line);
    resetNames();
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    expect(lines).toEqual(
      formatSummary(summarize(conv2dTutorial()), { style }).split('\n').slice(0, -1),
    );
  });

  it('passes inputShapes on to summarize()', () => {
    const lines: string[] = [];
    const x = input({ shape: [null, 8] });
    const m = model({ inputs: x, outputs: timeDistributed(dense({ units: 10 })).apply(x) });
    printSummary(m, { style: 'wide', inputShapes: [[null, 5, 8]], printFn: (l) => lines.push(l) });
    expect(lines).toContain('Total MACs per sample: 400 (800 FLOPs at 2 FLOPs per MAC)');
  });

  it('refuses a printFn that is not a function', () => {
    expect(() => printSummary(conv2dTutorial(), { printFn: 'log' as never })).toThrow(/printFn/);
  });
});

describe('formatSummary', () => {
  it('joins the lines, each ending with a newline as print() would write them', () => {
    const text = formatSummary(summarize(conv2dTutorial()));
    expect(text).toBe(TUTORIAL_CONV2D.join('\n') + '\n');
  });

  it('renders the same data the same way every time', () => {
    const x = input({ shape: [12, 8] });
    const y = timeDistributed(dense({ units: 10 })).apply(x) as SymbolicTensor;
    const data = summarize(model({ inputs: x, outputs: y }));
    const fromJson = JSON.parse(JSON.stringify(data));
    expect(formatSummary(fromJson, { style: 'classic' })).toBe(formatSummary(data));
    expect(formatSummary(data)).toContain(
      'time_distributed_1 (TimeDist (None, 12, 10)            90        \n',
    );
  });

  it('throws a ConfigError for a style that does not exist, or columns in the classic style', () => {
    const data = summarize(conv2dTutorial());
    expect(() => formatSummary(data, { style: 'rich' as never })).toThrow(ConfigError);
    expect(() => formatSummary(data, { columns: ['macs'] })).toThrow(
      /classic style prints Keras 2.2's fixed columns; choose the wide, markdown or html style/,
    );
  });
});

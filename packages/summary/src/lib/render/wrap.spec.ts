import { longestWord, textWidth, wrapText } from './wrap.js';

describe('wrapText', () => {
  it('leaves text that fits alone', () => {
    expect(wrapText('dense_1 (Dense)', 20)).toEqual(['dense_1 (Dense)']);
    expect(wrapText('', 5)).toEqual(['']);
  });

  it('breaks at spaces first: a shape after its commas, a layer before its type', () => {
    expect(wrapText('(None, 12, 32, 32, 32)', 15)).toEqual(['(None, 12, 32,', '32, 32)']);
    expect(wrapText('time_distributed_1 (TimeDistributed(Conv2D))', 30)).toEqual([
      'time_distributed_1',
      '(TimeDistributed(Conv2D))',
    ]);
  });

  it('breaks a long word at _ / ( and brackets, and only then anywhere', () => {
    expect(wrapText('(TimeDistributed(GlobalAveragePooling2D))', 24)).toEqual([
      '(TimeDistributed(',
      'GlobalAveragePooling2D))',
    ]);
    expect(wrapText('a_really_long_layer_name', 10)).toEqual(['a_really_', 'long_', 'layer_name']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('time_distributed_1[0][0]', 19)).toEqual(['time_distributed_', '1[0][0]']);
  });

  it('keeps every character: joining the lines gives the words back', () => {
    const text = 'mrcnn_class_conv1 (TimeDistributed(Conv2D)) shares weights with model_1/dense_1';
    for (const width of [1, 3, 7, 12, 25, 80]) {
      const lines = wrapText(text, width);
      expect(lines.every((l) => textWidth(l) <= width)).toBe(true);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    }
  });

  it('starts a new line at each newline', () => {
    expect(wrapText('input_1[0][0]\ndense_1[0][0]', 40)).toEqual([
      'input_1[0][0]',
      'dense_1[0][0]',
    ]);
  });

  it('counts code points', () => {
    expect(textWidth('└ x')).toBe(3);
    expect(textWidth('\u{1F600}')).toBe(1);
    expect(longestWord('(None, 12, 10)')).toBe(6);
  });
});

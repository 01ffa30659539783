module.exports = {
  displayName: '@framewise/example-sequence-tagger',
  preset: '../../../jest.preset.cjs',
};

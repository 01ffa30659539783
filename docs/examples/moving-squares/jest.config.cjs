module.exports = {
  displayName: '@framewise/example-moving-squares',
  preset: '../../../jest.preset.cjs',
};

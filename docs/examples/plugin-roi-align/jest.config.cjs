module.exports = {
  displayName: '@framewise/example-plugin-roi-align',
  preset: '../../../jest.preset.cjs',
};

module.exports = {
  displayName: '@framewise/example-tfjs-layers-speedup',
  preset: '../../../jest.preset.cjs',
};

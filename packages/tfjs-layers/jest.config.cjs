module.exports = {
  displayName: '@framewise/tfjs-layers',
  preset: '../../jest.preset.cjs',
};

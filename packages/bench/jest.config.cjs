module.exports = {
  displayName: '@framewise/bench',
  preset: '../../jest.preset.cjs',
};

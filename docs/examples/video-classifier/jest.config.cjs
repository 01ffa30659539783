module.exports = {
  displayName: '@framewise/example-video-classifier',
  preset: '../../../jest.preset.cjs',
};

import { headingId, REPOSITORY_URL, rewriteHref } from './rewrite-links.js';

describe('rewriteHref', () => {
  const from = 'docs/guides/time-distributed.md';

  it('turns links between guides into hash routes, anchors included', () => {
    expect(rewriteHref('summary.md', from)).toBe('#/guides/summary');
    expect(rewriteHref('./backends.md#probing', from)).toBe('#/guides/backends/probing');
    expect(rewriteHref('#masks', from)).toBe('#/guides/time-distributed/masks');
  });

  it('sends the README home and docs/benchmarks.md to the benchmarks page', () => {
    expect(rewriteHref('../../README.md', from)).toBe('#/');
    expect(rewriteHref('../benchmarks.md', from)).toBe('#/benchmarks');
    expect(rewriteHref('docs/guides/summary.md', 'README.md')).toBe('#/guides/summary');
  });

  it('sends other files of the repository to GitHub and leaves absolute URLs alone', () => {
    expect(rewriteHref('../examples/plugin-roi-align/', from)).toBe(
      `${REPOSITORY_URL}/tree/main/docs/examples/plugin-roi-align/`,
    );
    expect(rewriteHref('../../packages/core/src/index.ts', from)).toBe(
      `${REPOSITORY_URL}/blob/main/packages/core/src/index.ts`,
    );
    expect(rewriteHref('https://keras.io/', from)).toBe('https://keras.io/');
    expect(rewriteHref('mailto:a@b.c', from)).toBe('mailto:a@b.c');
  });
});

describe('headingId', () => {
  it("follows GitHub's anchors", () => {
    expect(headingId("Keras' TimeDistributed questions")).toBe('keras-timedistributed-questions');
    expect(headingId('Keras JSON')).toBe('keras-json');
    expect(headingId('useBackend(auto)')).toBe('usebackendauto');
  });
});

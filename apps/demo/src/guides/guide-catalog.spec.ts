import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readGuides } from '../../build/docs-content.js';
import { GUIDE_ORDER, guideCatalog, guideTitle } from './guide-catalog.js';

const GUIDES = join(__dirname, '../../../../docs/guides');

describe('guideCatalog', () => {
  it('lists every guide of docs/guides, titled by its first heading', () => {
    const files = readGuides(GUIDES); // what the build passes to the site
    const guides = guideCatalog(files);
    expect(guides.map((g) => `${g.slug}.md`).sort()).toEqual(
      readdirSync(GUIDES)
        .filter((f) => f.endsWith('.md'))
        .sort(),
    );
    for (const guide of guides) {
      const firstHeading = guide.markdown.split('\n').find((l) => l.startsWith('# '))!;
      expect(firstHeading.replace(/[`*_]/gu, '')).toBe(`# ${guide.title}`);
    }
  });

  it('puts the known guides in reading order and new ones after them, alphabetically', () => {
    const files = {
      'x/zeta.md': '# Zeta',
      'x/releasing.md': '# Releasing',
      'x/alpha.md': '# Alpha',
      'x/time-distributed.md': '# TimeDistributed',
      'x/getting-started.md': '# Getting started',
    };
    expect(guideCatalog(files).map((g) => g.slug)).toEqual([
      'getting-started',
      'time-distributed',
      'releasing',
      'alpha',
      'zeta',
    ]);
  });

  it('orders only guides that exist: a renamed guide would fall to the alphabetical tail', () => {
    const slugs = readdirSync(GUIDES)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.replace(/\.md$/u, ''));
    expect(GUIDE_ORDER.filter((slug) => !slugs.includes(slug))).toEqual([]);
  });

  it('takes the first level-1 heading, without inline marks, or the slug', () => {
    expect(guideTitle('Intro\n\n## Not this\n# The `summary`, *explained*\n', 'x')).toBe(
      'The summary, explained',
    );
    expect(guideTitle('no heading', 'cli')).toBe('cli');
  });
});

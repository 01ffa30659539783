/** One guide of docs/guides, as the site lists it. */
export interface Guide {
  /** The file name without `.md`: `time-distributed`; the route is `#/guides/<slug>`. */
  slug: string;
  /** The text of the file's first `# ` heading (the slug when it has none). */
  title: string;
  markdown: string;
}

/**
 * Reading order: a newcomer's path first, then the references, then maintainers' notes. Guides
 * not named here (a new file in docs/guides) come after these, alphabetically, so adding a guide
 * needs no change to the site.
 */
export const GUIDE_ORDER: readonly string[] = [
  'getting-started',
  'time-distributed',
  'moving-from-keras-and-tfjs',
  'speed-up-tfjs-layers',
  'summary',
  'backends',
  'cli',
  'model-files',
  'training',
  'streaming',
  'writing-a-layer-plugin',
  'writing-a-backend-adapter',
  'releasing',
];

/** The title of a Markdown document: its first level-1 heading, without inline marks. */
export function guideTitle(markdown: string, fallback: string): string {
  const heading = /^#[ \t]+(.+?)[ \t#]*$/mu.exec(markdown)?.[1];
  return heading ? heading.replace(/[`*_]/gu, '').trim() : fallback;
}

/**
 * The guides from a map of `file name → Markdown` (what the build passes as
 * `virtual:framewise/guides`), in reading order with their titles.
 */
export function guideCatalog(files: Readonly<Record<string, string>>): Guide[] {
  const guides = Object.entries(files).map(([path, markdown]) => {
    const slug = path.replace(/^.*\//u, '').replace(/\.md$/u, '');
    return { slug, title: guideTitle(markdown, slug), markdown };
  });
  const rank = (slug: string): number => {
    const i = GUIDE_ORDER.indexOf(slug);
    return i < 0 ? GUIDE_ORDER.length : i;
  };
  return guides.sort((a, b) => rank(a.slug) - rank(b.slug) || a.slug.localeCompare(b.slug));
}

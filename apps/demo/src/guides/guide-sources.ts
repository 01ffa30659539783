import { guideCatalog, type Guide } from './guide-catalog.js';

// Every docs/guides/*.md at build time: a new guide appears on the site without a code change.
const files = import.meta.glob<string>('../../../../docs/guides/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The guides bundled into the site, in reading order. */
export const guides: readonly Guide[] = guideCatalog(files);

import files from 'virtual:framewise/guides';
import { guideCatalog, type Guide } from './guide-catalog.js';

// Every guide at build time (the build passes the folder in): a new guide appears on the site
// without a code change.

/** The guides bundled into the site, in reading order. */
export const guides: readonly Guide[] = guideCatalog(files);

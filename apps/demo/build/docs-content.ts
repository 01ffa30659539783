import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** Where the Markdown the site shows lives; vite.config.ts names the repository's files. */
export interface DocsContentOptions {
  /** The folder of the guides: every `.md` in it becomes a page of `#/guides`. */
  guides: string;
  /** The benchmarks' methodology and committed results, shown under the page's own run. */
  benchmarks: string;
}

const GUIDES = 'virtual:framewise/guides';
const BENCHMARKS = 'virtual:framewise/benchmarks';

/** Every `.md` file of `folder`, keyed by file name, in name order. */
export function readGuides(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => [name, readFileSync(join(folder, name), 'utf8')]),
  );
}

/**
 * The repository's Markdown as two modules the site imports by name: `virtual:framewise/guides`
 * (file name → text) and `virtual:framewise/benchmarks` (text). The page code never reaches into
 * the repository by relative path; the build passes the files in, so it alone knows where they
 * are. Each file is watched, so the dev server reloads when one changes.
 */
export function docsContent(options: DocsContentOptions): Plugin {
  return {
    name: 'framewise:docs-content',
    resolveId(id) {
      return id === GUIDES || id === BENCHMARKS ? `\0${id}` : undefined;
    },
    load(id) {
      if (id === `\0${GUIDES}`) {
        const guides = readGuides(options.guides);
        for (const name of Object.keys(guides)) this.addWatchFile(join(options.guides, name));
        return `export default ${JSON.stringify(guides)};`;
      }
      if (id === `\0${BENCHMARKS}`) {
        this.addWatchFile(options.benchmarks);
        return `export default ${JSON.stringify(readFileSync(options.benchmarks, 'utf8'))};`;
      }
      return undefined;
    },
  };
}

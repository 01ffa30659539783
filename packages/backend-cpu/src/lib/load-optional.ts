import type { OptionalPackageSource } from '@framewise/core';

/** Optional peers are looked up and imported from this package, where npm and pnpm put them. */
export function fromHere(resolveFrom?: string): OptionalPackageSource {
  return {
    from: import.meta.url,
    importer: (name) => import(name),
    ...(resolveFrom === undefined ? {} : { resolveFrom }),
  };
}

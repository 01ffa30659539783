import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Packed } from './pack.js';

/** A registry on 127.0.0.1 that serves the packed tarballs, and nothing else. */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** npm arguments that send the @framewise scope here (and everything else to npm as usual). */
  npmArgs: string[];
  close(): Promise<void>;
}

/**
 * Serves packuments and tarballs for the packed packages, so that npm installs them exactly as it
 * will from npmjs.com once they are published (a dependency `"@framewise/core": "0.1.0"` resolves
 * to our tarball, checked against its integrity), while their other dependencies come from the
 * real registry. Installing the .tgz files by path cannot do that for a global install: npm would
 * look up `@framewise/core@0.1.0` online.
 */
export async function startRegistry(
  packed: Packed[],
  scope = '@framewise',
): Promise<LocalRegistry> {
  let url = '';
  const server = createServer((request, response) => {
    void answer(request.url ?? '/').then(
      ([status, type, body]) => {
        // no-store: a later run may get the same port and must not see these packuments cached.
        response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        response.end(body);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      },
    );
  });
  async function answer(path: string): Promise<[number, string, string | Buffer]> {
    const name = decodeURIComponent(path.slice(1).split('?')[0] ?? '');
    if (name.startsWith('-/tarballs/')) {
      const tarball = packed.find((p) => basename(p.file) === name.slice('-/tarballs/'.length));
      if (tarball) return [200, 'application/octet-stream', await readFile(tarball.file)];
    }
    const versions = packed.filter((p) => p.name === name);
    const latest = versions.at(-1);
    if (latest === undefined) return [404, 'application/json', '{"error":"Not found"}'];
    const packument = {
      name,
      'dist-tags': { latest: latest.version },
      versions: Object.fromEntries(
        versions.map((p) => [
          p.version,
          {
            ...p.manifest,
            _id: `${p.name}@${p.version}`,
            dist: {
              tarball: `${url}-/tarballs/${basename(p.file)}`,
              integrity: p.integrity,
              shasum: p.shasum,
            },
          },
        ]),
      ),
    };
    return [200, 'application/json', JSON.stringify(packument)];
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    npmArgs: [`--${scope}:registry=${url}`],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

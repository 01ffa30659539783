/** Writing the report with the repository's Prettier settings, so `format:check` passes on it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';

export async function writeJson(path: string, report: unknown): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  const text = await format(JSON.stringify(report), { ...options, filepath: path, parser: 'json' });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * `npm run bench:report [-- <record.json> ...]`: copies the given bench records into bench/runs/ and rewrites
 * BENCHMARKS.md's section of runs from every record there (newest first), formatted by Prettier.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { ConfigError } from '../../core/errors';
import { packageRoot } from '../../core/package-root';
import type { BenchRecord } from '../record';
import { replaceSection, runsSection } from './markdown';

async function pretty(file: string, text: string): Promise<string> {
  return format(text, { ...(await resolveConfig(file)), filepath: file });
}

async function main(): Promise<void> {
  const root = packageRoot(__dirname);
  const runs = path.join(root, 'bench', 'runs');
  for (const given of process.argv.slice(2)) {
    const record = JSON.parse(readFileSync(given, 'utf8')) as BenchRecord;
    if (typeof record.startedAt !== 'string' || !Array.isArray(record.stages))
      throw new ConfigError(`${given} is not a bench record`);
    const target = path.join(runs, `${record.startedAt.replace(/:/g, '-')}.json`);
    copyFileSync(given, target);
    writeFileSync(target, await pretty(target, readFileSync(target, 'utf8')));
  }
  const records = readdirSync(runs)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(runs, f), 'utf8')) as BenchRecord);
  const doc = path.join(root, 'BENCHMARKS.md');
  writeFileSync(doc, await pretty(doc, replaceSection(readFileSync(doc, 'utf8'), runsSection(records))));
  process.stdout.write(`BENCHMARKS.md: ${records.length} runs from ${path.relative(root, runs)}/\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:report: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

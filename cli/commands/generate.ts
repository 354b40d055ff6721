/**
 * `edreflect generate --out DIR --days N --orgs a,b [--seed S] [--rows R] [--start YYYY-MM-DD]`: writes a
 * vendor-like export folder per org (per-day layout, legacy-id maps under export/all), reproducible from
 * the seed, for tests, demos and load runs.
 */
import type { Logger } from '../../core/logger';
import { generate } from '../../simulator/generate';
import { parseGenerateArgs } from '../../simulator/options';
import { EXIT } from '../exit-codes';

export async function generateCommand(
  argv: string[],
  logger: Logger,
  out: (line: string) => void,
): Promise<number> {
  const options = parseGenerateArgs(argv);
  const started = Date.now();
  logger.debug('generating', { ...options });
  const summary = await generate(options);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  out(
    `generated ${options.orgs.length} org(s) × ${options.days} day(s) (${summary.days[0]} to ${summary.days.at(-1)}) in ${options.out}: ` +
      `${summary.files} files, ${summary.rows} rows, ${summary.bytes} bytes in ${seconds} s (seed ${options.seed}, rows ${options.rows})`,
  );
  return EXIT.ok;
}

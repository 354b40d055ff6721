/**
 * `edreflect bench [--rows N] [--partitions P] [--consumers 1|2] [--keep] [--out DIR] [--cpu-prof]`:
 * generates a drop and measures the raw baselines and each stage of ours on the real servers (issue 6).
 * See BENCHMARKS.md.
 */
import type { Logger } from '../../core/logger';
import { BENCH_USAGE, BenchUsageError, parseBenchArgs, type BenchOptions } from '../../bench/options';
import { runBench } from '../../bench/run';
import { EXIT } from '../exit-codes';

export async function benchCommand(
  argv: string[],
  logger: Logger,
  out: (line: string) => void,
): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (err) {
    if (!(err instanceof BenchUsageError)) throw err;
    process.stderr.write(`edreflect bench: ${err.message}\nusage: ${BENCH_USAGE}\n`);
    return EXIT.usage;
  }
  let run: Awaited<ReturnType<typeof runBench>>;
  try {
    run = await runBench(options, { logger, say: out });
  } catch (err) {
    // The whole message: a failed stage's reason is its process's own output, over several lines.
    process.stderr.write(`edreflect bench: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.error;
  }
  const { table, file } = run;
  out('');
  out(table);
  out('');
  out(`results: ${file}`);
  return EXIT.ok;
}

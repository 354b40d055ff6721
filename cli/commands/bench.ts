/**
 * `edreflect bench [--rows N] [--partitions P] [--consumers 1|2] [--keep] [--out DIR] [--cpu-prof] [--peer]`:
 * generates a drop and measures the raw baselines and each stage of ours on the real servers (issue 6).
 * See BENCHMARKS.md.
 */
import { BENCH_USAGE, BenchUsageError, parseBenchArgs, type BenchOptions } from '../../bench/options';
import { runBench } from '../../bench/run';
import { defineCommand } from '../command';
import { EXIT } from '../exit-codes';

export const benchCommand = defineCommand({
  name: 'bench',
  usage: [BENCH_USAGE.replace(/^edreflect /, '')],
  summary:
    'Generates a drop and measures the raw baselines and each stage of ours on the local stack (BENCHMARKS.md).',
  flags: {
    rows: { type: 'string', value: 'N', default: '1000000', description: 'data rows of the generated drop' },
    partitions: { type: 'string', value: 'P', default: '3', description: 'partitions of each topic' },
    consumers: { type: 'string', value: '1|2', default: '1', description: 'consumer processes in one group' },
    keep: { type: 'boolean', description: 'keep the data, topics, databases and FTP folder' },
    out: { type: 'string', value: 'DIR', default: 'bench-results', description: 'where the JSON results go' },
    'cpu-prof': { type: 'boolean', description: 'profile our stages and print their top functions' },
    peer: { type: 'boolean', description: 'also run the MongoDB Kafka sink connector over the same rows' },
  },
  settings: [],
  parse: false,
  environment: ["the local stack's own (see edreflect stack --help)"],
  run: async ({ positionals: argv, logger, out }) => {
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
    const { table, costs, file } = run;
    out('');
    out(table);
    out('');
    out(costs);
    out('');
    out(`results: ${file}`);
    return EXIT.ok;
  },
});

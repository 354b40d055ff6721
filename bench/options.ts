/** The options of `edreflect bench`, checked before anything runs. */
import { parseArgs } from 'node:util';
import { MIN_ROWS } from './data/plan';

export interface BenchOptions {
  /** Data rows of the generated drop. */
  readonly rows: number;
  /** EDREFLECT_PARTITIONS for our stages (and the partitions of the raw produce topic). */
  readonly partitions: number;
  /** Consumer processes in one group for the consumer stage and the end-to-end stage. */
  readonly consumers: 1 | 2;
  /** Keep the generated data, topics, databases and FTP folder. */
  readonly keep: boolean;
  /** Where the JSON results go. */
  readonly out: string;
  /** Run our stages under `node --cpu-prof` and print their top self-time functions. */
  readonly cpuProf: boolean;
  /** Also run the peer: the MongoDB Kafka sink connector under Kafka Connect, over the same rows. */
  readonly peer: boolean;
}

export const BENCH_USAGE =
  'edreflect bench [--rows N] [--partitions P] [--consumers 1|2] [--keep] [--out DIR] [--cpu-prof] [--peer]';

export class BenchUsageError extends Error {}

function whole(name: string, value: string, min: number, max: number): number {
  const n = Number(value.replace(/_/g, ''));
  if (!/^[\d_]+$/.test(value) || !Number.isInteger(n) || n < min || n > max)
    throw new BenchUsageError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        rows: { type: 'string', default: '1000000' },
        partitions: { type: 'string', default: '3' },
        consumers: { type: 'string', default: '1' },
        keep: { type: 'boolean', default: false },
        out: { type: 'string', default: 'bench-results' },
        'cpu-prof': { type: 'boolean', default: false },
        peer: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new BenchUsageError(err instanceof Error ? err.message : String(err));
  }
  const consumers = whole('consumers', values.consumers, 1, 2);
  return {
    rows: whole('rows', values.rows, MIN_ROWS, 100_000_000),
    partitions: whole('partitions', values.partitions, 1, 1000),
    consumers: consumers === 2 ? 2 : 1,
    keep: values.keep,
    out: values.out,
    cpuProf: values['cpu-prof'],
    peer: values.peer,
  };
}

/**
 * From measured stages to the numbers the issue asks for: rows per second over the drop's data rows, each
 * of our stages against its raw baseline, and which targets are met.
 */
import { totalCommands, type StageCosts } from './mongo-tally';
import { STAGE_LABELS, type StageId, type StageOutcome } from './stage';

export interface StageResult {
  readonly id: StageId;
  readonly stage: string;
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  /**
   * Ours ÷ baseline in rows/s (the producer ÷ raw produce, the consumer ÷ raw insertMany); for end to end:
   * its seconds ÷ (raw produce's + raw insertMany's seconds); for the peer: ours consumer ÷ the peer, in rows/s.
   */
  readonly ratio: number | null;
  readonly ratioOf: string | null;
  readonly target: string | null;
  readonly met: boolean | null;
  /** Producer only: its rows/s ÷ raw parse's (csv-parse alone), the bound of the parse half of its work. */
  readonly ratioToRawParse: number | null;
  /** The largest peak RSS of the stage's processes. */
  readonly peakRssMb: number;
  readonly processes: readonly {
    readonly label: string;
    readonly seconds: number;
    readonly peakRssMb: number;
  }[];
  readonly details: Readonly<Record<string, number>>;
  /** What the stage sent to MongoDB, per 1,000 events (stages that write to MongoDB). */
  readonly costs: StageCosts | null;
}

export const RSS_LIMIT_MB = 300;
/** Issue 15's targets, each a ratio within one run. */
export const TARGETS = {
  /** The producer's rows/s at least this × raw produce's (kafkajs alone on pre-encoded messages). */
  producerOverRawProduce: 0.7,
  /** The consumer's rows/s at least this × raw insertMany's. */
  consumerOverRawInsertMany: 0.8,
  /** End to end at most this × (raw produce's + raw insertMany's seconds). */
  endToEndOverRawSum: 1.5,
  /** Our consumer at least this × the MongoDB Kafka sink on the same rows and server. */
  consumerOverPeer: 1.5,
} as const;

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function stageResults(outcomes: readonly StageOutcome[], rows: number): StageResult[] {
  const by = (id: StageId): StageOutcome | undefined => outcomes.find((o) => o.id === id);
  const speed = (o: StageOutcome | undefined): number => (o === undefined ? NaN : rows / o.seconds);
  const rawProduce = by('raw-produce');
  const rawInsertMany = by('raw-insertMany');
  const atLeast = (bound: number): string => `≥ ${bound.toFixed(2)}`;
  return outcomes.map((o) => {
    let ratio: number | null = null;
    let ratioOf: string | null = null;
    let target: string | null = null;
    let met: boolean | null = null;
    let ratioToRawParse: number | null = null;
    if (o.id === 'producer' && by('raw-parse') !== undefined)
      ratioToRawParse = round(speed(o) / speed(by('raw-parse')), 3);
    if (o.id === 'producer' || o.id === 'consumer') {
      const base = o.id === 'producer' ? 'raw-produce' : 'raw-insertMany';
      const bound = o.id === 'producer' ? TARGETS.producerOverRawProduce : TARGETS.consumerOverRawInsertMany;
      ratio = speed(o) / speed(by(base));
      ratioOf = `× ${STAGE_LABELS[base]}`;
      target = atLeast(bound);
      met = ratio >= bound;
    } else if (o.id === 'peer' && by('consumer') !== undefined) {
      ratio = speed(by('consumer')) / speed(o);
      ratioOf = `= ${STAGE_LABELS.consumer} ÷ peer`;
      target = atLeast(TARGETS.consumerOverPeer);
      met = ratio >= TARGETS.consumerOverPeer;
    } else if (o.id === 'end-to-end' && rawProduce !== undefined && rawInsertMany !== undefined) {
      ratio = o.seconds / (rawProduce.seconds + rawInsertMany.seconds);
      ratioOf = `× time of (${STAGE_LABELS['raw-produce']} + ${STAGE_LABELS['raw-insertMany']})`;
      target = `≤ ${TARGETS.endToEndOverRawSum.toFixed(2)}`;
      met = ratio <= TARGETS.endToEndOverRawSum;
    }
    return {
      id: o.id,
      stage: STAGE_LABELS[o.id],
      rows,
      seconds: round(o.seconds, 2),
      rowsPerSecond: Math.round(speed(o)),
      ratio: ratio === null ? null : round(ratio, 3),
      ratioOf,
      target,
      met,
      ratioToRawParse,
      peakRssMb: Math.max(...o.processes.map((p) => p.peakRssMb)),
      processes: o.processes.map((p) => ({
        label: p.label,
        seconds: round((p.endedMs - p.startedMs) / 1000, 2),
        peakRssMb: p.peakRssMb,
      })),
      details: o.details,
      costs: o.costs ?? null,
    };
  });
}

/** The table a person reads; one line per stage, columns separated by at least two spaces. */
export function formatTable(results: readonly StageResult[]): string {
  const header = [
    'stage',
    'rows',
    'seconds',
    'rows/s',
    'ratio',
    'target',
    'met',
    'peak RSS MB',
    '× raw parse',
  ];
  const lines = results.map((r) => [
    r.stage,
    String(r.rows),
    r.seconds.toFixed(1),
    String(r.rowsPerSecond),
    r.ratio === null ? '-' : `${r.ratio.toFixed(2)} ${r.ratioOf ?? ''}`,
    r.target ?? '-',
    r.met === null ? '-' : r.met ? 'yes' : 'NO',
    // The 300 MB bound is ours; the peer's JVM is not held to it.
    `${r.peakRssMb.toFixed(0)}${r.peakRssMb < RSS_LIMIT_MB || r.id === 'peer' ? '' : ' (over 300)'}`,
    r.ratioToRawParse === null ? '-' : r.ratioToRawParse.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const right = new Set([1, 2, 3, 7, 8]);
  const row = (cells: string[]): string =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}

/**
 * The costs that do not depend on the server: per 1,000 events, MongoDB commands, documents in insert
 * commands, update and delete statements; and who counted them. One line per stage that writes to MongoDB.
 */
export function formatCosts(results: readonly StageResult[]): string {
  const header = [
    'MongoDB per 1,000 events',
    'events',
    'commands',
    'inserted docs',
    'update stmts',
    'delete stmts',
    'counted by',
    'server saw commands',
  ];
  const lines = results.flatMap((r) => {
    const c = r.costs;
    if (c === null) return [];
    const server =
      c.serverCommands === undefined
        ? '-'
        : String(totalCommands({ ...c.tally, commands: c.serverCommands }));
    return [
      [
        r.stage,
        String(c.events),
        c.per1000Events.commands.toFixed(1),
        c.per1000Events.insertedDocuments.toFixed(1),
        c.per1000Events.updateStatements.toFixed(1),
        c.per1000Events.deleteStatements.toFixed(1),
        c.source === 'driver' ? 'driver monitoring' : 'server counters',
        c.source === 'server' ? String(totalCommands(c.tally)) : server,
      ],
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const right = new Set([1, 2, 3, 4, 5, 7]);
  const row = (cells: string[]): string =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}

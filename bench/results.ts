/**
 * From measured stages to the numbers the issue asks for: rows per second over the drop's data rows, each
 * of our stages against its raw baseline, and which targets are met.
 */
import { STAGE_LABELS, type StageId, type StageOutcome } from './stage';

export interface StageResult {
  readonly id: StageId;
  readonly stage: string;
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  /** Ours ÷ baseline in rows/s; for end to end: its seconds ÷ the slowest raw stage's seconds. */
  readonly ratio: number | null;
  readonly ratioOf: string | null;
  readonly target: string | null;
  readonly met: boolean | null;
  /**
   * Producer only: its rows/s ÷ raw produce's. Raw produce (pre-encoded messages, no transaction) bounds
   * what any kafkajs producer reaches here, and is itself far below raw parse.
   */
  readonly ratioToRawProduce: number | null;
  /** The largest peak RSS of the stage's processes. */
  readonly peakRssMb: number;
  readonly processes: readonly {
    readonly label: string;
    readonly seconds: number;
    readonly peakRssMb: number;
  }[];
  readonly details: Readonly<Record<string, number>>;
}

export const RSS_LIMIT_MB = 300;
export const MIN_RATIO = 0.7;
export const MAX_END_TO_END = 1.5;

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function stageResults(outcomes: readonly StageOutcome[], rows: number): StageResult[] {
  const by = (id: StageId): StageOutcome | undefined => outcomes.find((o) => o.id === id);
  const speed = (o: StageOutcome | undefined): number => (o === undefined ? NaN : rows / o.seconds);
  const raws = outcomes.filter((o) => o.id.startsWith('raw-'));
  const slowest = raws.reduce<StageOutcome | undefined>(
    (worst, o) => (worst === undefined || o.seconds > worst.seconds ? o : worst),
    undefined,
  );
  return outcomes.map((o) => {
    let ratio: number | null = null;
    let ratioOf: string | null = null;
    let target: string | null = null;
    let met: boolean | null = null;
    let ratioToRawProduce: number | null = null;
    if (o.id === 'producer' && by('raw-produce') !== undefined)
      ratioToRawProduce = round(speed(o) / speed(by('raw-produce')), 3);
    if (o.id === 'producer' || o.id === 'consumer') {
      const base = o.id === 'producer' ? 'raw-parse' : 'raw-insertMany';
      ratio = speed(o) / speed(by(base));
      ratioOf = `× ${STAGE_LABELS[base]}`;
      target = `≥ ${MIN_RATIO.toFixed(2)}`;
      met = ratio >= MIN_RATIO;
    } else if (o.id === 'end-to-end' && slowest !== undefined) {
      ratio = o.seconds / slowest.seconds;
      ratioOf = `× time of ${STAGE_LABELS[slowest.id]}`;
      target = `≤ ${MAX_END_TO_END.toFixed(2)}`;
      met = ratio <= MAX_END_TO_END;
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
      ratioToRawProduce,
      peakRssMb: Math.max(...o.processes.map((p) => p.peakRssMb)),
      processes: o.processes.map((p) => ({
        label: p.label,
        seconds: round((p.endedMs - p.startedMs) / 1000, 2),
        peakRssMb: p.peakRssMb,
      })),
      details: o.details,
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
    '× raw produce',
  ];
  const lines = results.map((r) => [
    r.stage,
    String(r.rows),
    r.seconds.toFixed(1),
    String(r.rowsPerSecond),
    r.ratio === null ? '-' : `${r.ratio.toFixed(2)} ${r.ratioOf ?? ''}`,
    r.target ?? '-',
    r.met === null ? '-' : r.met ? 'yes' : 'NO',
    `${r.peakRssMb.toFixed(0)}${r.peakRssMb < RSS_LIMIT_MB ? '' : ' (over 300)'}`,
    r.ratioToRawProduce === null ? '-' : r.ratioToRawProduce.toFixed(2),
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

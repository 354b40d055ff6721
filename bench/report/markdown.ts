/**
 * BENCHMARKS.md's section of runs, from the bench's JSON records: per run (newest first) its table of
 * stages, what the peer stored, and the MongoDB costs per 1,000 events. Nothing is typed by hand.
 */
import { totalCommands } from '../mongo-tally';
import type { BenchRecord } from '../record';
import type { StageResult } from '../results';

export const SECTION_START =
  '<!-- bench-runs:start (written by npm run bench:report; do not edit by hand) -->';
export const SECTION_END = '<!-- bench-runs:end -->';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits: number): string => n.toFixed(digits);

function table(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>) {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, i) => (right.has(i) ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

function stageTable(stages: readonly StageResult[]): string {
  const rows = stages.map((s) => [
    s.stage,
    int(s.rows),
    fixed(s.seconds, 1),
    int(s.rowsPerSecond),
    s.ratio === null ? '-' : `${fixed(s.ratio, 2)} ${s.ratioOf ?? ''}`.trim(),
    s.target ?? '-',
    s.met === null ? '-' : s.met ? 'yes' : 'no',
    fixed(s.peakRssMb, 0),
  ]);
  const header = ['stage', 'rows', 'seconds', 'rows/s', 'ratio', 'target', 'met', 'peak RSS MB'];
  return table(header, rows, new Set([1, 2, 3, 7]));
}

function costsTable(stages: readonly StageResult[]): string {
  const rows = stages.flatMap((s) => {
    const c = s.costs ?? null; // records written before the costs were counted have none
    if (c === null) return [];
    const server = c.source === 'server' ? c.tally.commands : c.serverCommands;
    return [
      [
        s.stage,
        int(c.events),
        fixed(c.per1000Events.commands, 1),
        fixed(c.per1000Events.insertedDocuments, 1),
        fixed(c.per1000Events.updateStatements, 1),
        fixed(c.per1000Events.deleteStatements, 1),
        c.source === 'driver' ? 'driver' : 'server',
        server === undefined ? '-' : int(totalCommands({ ...c.tally, commands: server })),
      ],
    ];
  });
  const header = [
    'stage',
    'events',
    'commands / 1k',
    'inserted docs / 1k',
    'update stmts / 1k',
    'delete stmts / 1k',
    'counted by',
    'commands the server counted',
  ];
  return table(header, rows, new Set([1, 2, 3, 4, 5, 7]));
}

function peerLine(stages: readonly StageResult[]): string | undefined {
  const peer = stages.find((s) => s.id === 'peer');
  if (peer === undefined) return undefined;
  const d = peer.details;
  const read = `The peer read ${int(d['events'] ?? 0)} JSON rows and stored`;
  const stored = d['rowsStored'];
  // Records from before the bench counted distinct rows have only the documents.
  if (stored === undefined) return `${read} ${int(d['documents'] ?? 0)} documents.`;
  return `${read} ${int(stored)} of them in ${int(d['documents'] ?? 0)} documents (${int(d['duplicates'] ?? 0)} stored twice).`;
}

export function runSection(record: BenchRecord): string {
  const m = record.machine;
  const load = (l: readonly number[]): string => l.map((x) => x.toFixed(2)).join(' ');
  const flags = [
    `--rows ${record.options.rows}`,
    ...(record.options.partitions !== 3 ? [`--partitions ${record.options.partitions}`] : []),
    ...(record.options.consumers !== 1 ? [`--consumers ${record.options.consumers}`] : []),
    ...(record.options.peer ? ['--peer'] : []),
  ].join(' ');
  const parts = [
    `### ${record.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}: \`npm run bench -- ${flags}\``,
    `${m.cpus} × ${m.cpuModel}, Node ${m.node}; load average (1, 5, 15 min) ${load(m.loadAverageAtStart)} at the start, ` +
      `${load(m.loadAverageAtEnd)} at the end. Run \`${record.runId}\`, ${int(record.drop.rows)} rows, ` +
      `${fixed(record.drop.bytes / 2 ** 20, 1)} MB.`,
    stageTable(record.stages),
  ];
  const peer = peerLine(record.stages);
  if (peer !== undefined) parts.push(peer);
  if (record.stages.some((s) => (s.costs ?? null) !== null)) parts.push(costsTable(record.stages));
  return parts.join('\n\n');
}

/** Every run, newest first, between the section's markers. */
export function runsSection(records: readonly BenchRecord[]): string {
  const newest = [...records].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return [SECTION_START, ...newest.map(runSection), SECTION_END].join('\n\n');
}

/** `document` with its section of runs replaced (or appended when it has none yet). */
export function replaceSection(document: string, section: string): string {
  const start = document.indexOf(SECTION_START);
  const end = document.indexOf(SECTION_END);
  if (start === -1 || end === -1) return `${document.trimEnd()}\n\n${section}\n`;
  return document.slice(0, start) + section + document.slice(end + SECTION_END.length);
}

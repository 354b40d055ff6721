/** What happened to each file of a drop, for the summary a person reads and the exit status. */
import type { FileKind } from '../../core/catalog/types';

export type FileStatus = 'published' | 'failed' | 'skipped' | 'unknown' | 'empty' | 'absent';

export interface FileReport {
  file: string;
  kind: FileKind | 'unknown';
  status: FileStatus;
  rowsRead: number;
  published: number;
  rejected: number;
  purgeEvents: number;
  closeEvents?: number;
  message?: string;
  addedColumns?: readonly string[];
  missingColumns?: readonly string[];
  /** The first 100 rows whose key an earlier row of the file had; `duplicateRows` counts them all. */
  duplicateKeys?: { key: string; firstLine: number; line: number }[];
  duplicateRows?: number;
  /** A child file: parents its rows carry that its change list does not name (dropped too). */
  parentsFromRows?: { count: number; first: readonly string[] };
  /** A child file present while its change list file is absent from the drop. */
  listAbsent?: boolean;
  /** Values outside a documented closed set (Slos.csv slo_status): kept, reported with their lines. */
  /** The first 100 of them; `unknownValueRows` counts them all. */
  unknownValues?: { column: string; value: string; line: number }[];
  unknownValueRows?: number;
}

export interface DropReport {
  readonly org: string;
  readonly drop: string;
  readonly day: string;
  readonly label: string;
  readonly files: FileReport[];
  outcome: 'published' | 'already-published' | 'dry-run' | 'failed';
}

export function newFileReport(file: string, kind: FileReport['kind']): FileReport {
  return { file, kind, status: 'published', rowsRead: 0, published: 0, rejected: 0, purgeEvents: 0 };
}

/** Appends a note to the file's message. */
export function addNote(fileReport: FileReport, note: string): void {
  fileReport.message = fileReport.message === undefined ? note : `${fileReport.message}; ${note}`;
}

/** A drop is clean when nothing in it was rejected, failed or unknown. */
export function isClean(report: DropReport): boolean {
  return report.files.every((f) => f.rejected === 0 && f.status !== 'failed' && f.status !== 'unknown');
}

export function formatDropReport(report: DropReport): string {
  const head = `org ${report.org} drop ${report.label === '' ? '(current)' : report.label} day ${report.day} id ${report.drop}: ${report.outcome}`;
  const lines = report.files.map((f) => {
    const counts = `read ${f.rowsRead}, published ${f.published}, rejected ${f.rejected}${f.purgeEvents > 0 ? `, drop events ${f.purgeEvents}` : ''}${f.closeEvents ? `, close events ${f.closeEvents}` : ''}`;
    const notes = [
      ...(f.addedColumns === undefined ? [] : [`new columns ${f.addedColumns.join(', ')}`]),
      ...(f.missingColumns === undefined ? [] : [`columns not in the file ${f.missingColumns.join(', ')}`]),
      ...(f.message === undefined ? [] : [f.message]),
    ];
    return `  ${f.file.padEnd(42)} ${f.status.padEnd(9)} ${counts}${notes.length === 0 ? '' : ` — ${notes.join('; ')}`}`;
  });
  return [head, ...lines].join('\n');
}

/**
 * The facts of a file's report that the drop's ledger entry keeps for `edreflect check-data`
 * (core/events/ledger.ts, `LedgerFileFacts`): only what was found, so a clean file adds nothing.
 */
import type { LedgerFileFacts } from '../../core/events/ledger';
import type { FileReport } from '../task/report';

/** Keys kept per file in the ledger: enough to find the rows, small enough for a ledger entry. */
export const DUPLICATE_KEYS_KEPT = 5;

export function fileFacts(report: FileReport | undefined): LedgerFileFacts {
  if (report === undefined) return {};
  const duplicates = report.duplicateKeys ?? [];
  return {
    ...(duplicates.length === 0
      ? {}
      : {
          duplicateKeys: {
            rows: report.duplicateRows ?? duplicates.length,
            first: [...new Set(duplicates.map((d) => d.key))].slice(0, DUPLICATE_KEYS_KEPT),
          },
        }),
    ...(report.addedColumns === undefined ? {} : { addedColumns: report.addedColumns }),
    ...(report.missingColumns === undefined ? {} : { missingColumns: report.missingColumns }),
    ...(report.unknownValues === undefined
      ? {}
      : { unknownValues: report.unknownValueRows ?? report.unknownValues.length }),
    ...(report.closeEvents === undefined || report.closeEvents === 0
      ? {}
      : { closeEvents: report.closeEvents }),
  };
}

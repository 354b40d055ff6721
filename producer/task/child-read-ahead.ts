/**
 * Reads the child files ahead: a child file's rows wait on disk until the file is read to its end
 * (child-check.ts), and the main thread would wait through that read with nothing to send. So from the
 * drop's start the child files are checked one after the other, in plan order, in the row worker, while
 * the steps before them publish. A check has no effect but the file's schema in the registry and its rows
 * in the spool folder (on disk, not in memory); one that is not taken is closed.
 */
import type { ChildEntry } from '../../core/catalog/types';
import type { ExportFileName } from '../../core/types';
import { checkChildFile, discardCheck, type ChildCheck } from './child-check';
import type { DropStep } from './drop-plan';
import type { DropPhaseContext } from './phase-context';

export interface ChildReadAhead {
  /** Starts the checks, one after the other. */
  start(): void;
  /** The check started for this file, if any; it is the caller's from now on. */
  take(entry: ChildEntry): Promise<ChildCheck> | undefined;
  /** Closes the checks nobody took. */
  close(): Promise<void>;
}

export function childReadAhead(steps: readonly DropStep[], ctx: DropPhaseContext): ChildReadAhead {
  const started = new Map<ExportFileName, Promise<ChildCheck>>();
  let closed = false;
  const next = (from: number): void => {
    for (let k = from; k < steps.length && !closed; k++) {
      const step = steps[k]!;
      const file = step.kind === 'child' ? ctx.present.get(step.entry.file) : undefined;
      if (step.kind !== 'child' || file === undefined) continue;
      const check = checkChildFile(step.entry, ctx, file.localPath);
      started.set(step.entry.file, check);
      // The next one once this one is read; a failure is the taker's to see, and ends the reading ahead.
      check.then(() => next(k + 1)).catch(() => undefined);
      return;
    }
  };
  return {
    start: () => next(0),
    take(entry) {
      const check = started.get(entry.file);
      started.delete(entry.file);
      return check;
    },
    async close() {
      closed = true;
      const left = [...started.values()];
      started.clear();
      for (const check of left) await discardCheck(check);
    },
  };
}

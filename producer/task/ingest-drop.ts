/**
 * Turns one spooled drop into events: the drop's plan (drop-plan.ts) says in which order its files are
 * read, and each step is one phase module that publishes the file's events and returns its report:
 *
 *   skip           a file the catalog does not load (unknown, deprecated)
 *   rows           a list or entity file (entity-phase.ts); lists that later steps need are kept
 *   child          check, purge events, then today's rows (child-phase.ts)
 *   affiliation    today's rows, then the closing rule (affiliation-phase.ts)
 *   deletion-list  its rows, then purge events on the files it deletes from (deletion-phase.ts)
 *
 * A list that failed fails its children too: their rows without the purge step would silently drift.
 */
import type { Catalog } from '../../core/catalog/types';
import type { TopicNames } from '../../core/events/topics';
import type { Logger } from '../../core/logger';
import type { ExportFileName } from '../../core/types';
import type { SpooledDrop } from '../drop/spool';
import { publishAffiliations } from './affiliation-phase';
import { publishChild } from './child-phase';
import { childReadAhead, type ChildReadAhead } from './child-read-ahead';
import { publishDeletionList } from './deletion-phase';
import { planDrop, type DropStep } from './drop-plan';
import { publishEntityFile } from './entity-phase';
import type { DropOutput } from './output';
import { dropPhaseContext, type DropPhaseContext, type ListIds } from './phase-context';
import { NO_PROGRESS, type Progress } from './progress';
import type { RowReader } from '../rows/reader';
import { workerReader } from '../rows/worker-reader';
import { newFileReport, type DropReport, type FileReport } from './report';

export interface IngestDeps {
  readonly catalog: Catalog;
  readonly topics: TopicNames;
  readonly output: DropOutput;
  readonly logger: Logger;
  readonly progress?: Progress;
  /** Where the files are read into row batches; a worker thread of its own by default, closed at the end. */
  readonly rowReader?: () => RowReader;
}

export async function ingestDrop(
  drop: SpooledDrop,
  { catalog, topics, output, logger, progress = NO_PROGRESS, rowReader = workerReader }: IngestDeps,
): Promise<DropReport> {
  const lists = new Map<ExportFileName, ListIds>();
  const failedLists = new Set<ExportFileName>();
  const rows = rowReader();
  const ctx = dropPhaseContext(drop, { topics, output, logger, progress, lists, failedLists, rows });
  const files: FileReport[] = [];
  const steps = planDrop(catalog, drop.files);
  const ahead = childReadAhead(steps, ctx);
  try {
    ahead.start();
    for (const step of steps) {
      const fileReport = await runStep(step, ctx, lists, failedLists, ahead);
      if (fileReport !== undefined) files.push(fileReport);
    }
  } finally {
    await rows.close(); // first: a check still reading ahead then ends at once instead of reading on
    await ahead.close();
  }
  progress.finish();
  return { org: drop.org, drop: drop.id, day: drop.day, label: drop.label, files, outcome: 'published' };
}

async function runStep(
  step: DropStep,
  ctx: DropPhaseContext,
  lists: Map<ExportFileName, ListIds>,
  failedLists: Set<ExportFileName>,
  ahead: ChildReadAhead,
): Promise<FileReport | undefined> {
  switch (step.kind) {
    case 'skip':
      return skippedFile(step, ctx);
    case 'rows': {
      const { report, list } = await publishEntityFile(step.entry, step.collectIds, ctx);
      if (list === 'failed') failedLists.add(step.entry.file);
      else if (list !== undefined) lists.set(step.entry.file, list);
      return report;
    }
    case 'child':
      return publishChild(step.entry, ctx, ahead.take(step.entry));
    case 'affiliation':
      return publishAffiliations(step.entry, ctx);
    case 'deletion-list':
      return publishDeletionList(step.entry, step.targets, ctx);
  }
}

function skippedFile(step: Extract<DropStep, { kind: 'skip' }>, ctx: DropPhaseContext): FileReport {
  if (step.why === 'unknown') {
    ctx.logger.error('unknown file in the drop, skipped', { file: step.file, drop: ctx.dropId });
    return {
      ...newFileReport(step.file, 'unknown'),
      status: 'unknown',
      message: 'not in the catalog: skipped (add it to the catalog to load it)',
    };
  }
  ctx.logger.warn('deprecated file in the drop, skipped', { file: step.file, drop: ctx.dropId });
  return {
    ...newFileReport(step.file, 'deprecated'),
    status: 'skipped',
    message: 'deprecated by the vendor: skipped',
  };
}

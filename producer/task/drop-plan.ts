/**
 * The order in which one drop's files are turned into events, decided from the catalog and the names of the
 * drop's files alone (no file is opened, nothing is published):
 *
 *   1. files the catalog does not load (unknown, deprecated): skipped, in the drop's order;
 *   2. lists and entities (change lists, entities, append-only files, legacy-id maps): their rows, and the
 *      ids of every list that a child or an affiliation depends on;
 *   3. each child file: checked, then a purge event per parent of its list (and per parent its rows carry),
 *      then today's rows;
 *   4. affiliations: today's rows, then the close events of the employees of the close list;
 *   5. deletion lists: their rows, then a purge event per id on every file the list deletes from.
 *
 * A purge event goes to the child's own topic with the same key as the rows it deletes, so within a partition
 * it follows every earlier row of that parent and precedes today's rows. Whether a step publishes all its
 * events depends on what the files hold (a child file that fails its check drops nothing): the phases
 * decide that; this module only fixes the order.
 */
import type {
  AffiliationEntry,
  Catalog,
  CatalogEntry,
  ChildEntry,
  DeletionListEntry,
} from '../../core/catalog/types';
import type { ExportFileName } from '../../core/types';

/** The entries whose rows are published in the first phase, before anything depends on them. */
export type RowsEntry = Extract<
  CatalogEntry,
  { kind: 'change-list' | 'entity' | 'append-only' | 'legacy-id-map' }
>;

/** A file the deletion list deletes from, resolved in the catalog, and the column holding the listed id. */
export interface DeletionTarget {
  readonly entry: CatalogEntry;
  readonly column: string;
}

export type DropStep =
  | { readonly kind: 'skip'; readonly file: ExportFileName; readonly why: 'unknown' | 'deprecated' }
  /** `collectIds`: a child or an affiliation reads this list's ids. */
  | { readonly kind: 'rows'; readonly entry: RowsEntry; readonly collectIds: boolean }
  | { readonly kind: 'child'; readonly entry: ChildEntry }
  | { readonly kind: 'affiliation'; readonly entry: AffiliationEntry }
  | {
      readonly kind: 'deletion-list';
      readonly entry: DeletionListEntry;
      readonly targets: readonly DeletionTarget[];
    };

/** One kind of event a step publishes on one file's topic, in the order the step publishes them. */
export interface PlannedEvent {
  readonly op: 'row' | 'drop' | 'close';
  /** The file whose topic carries the event. */
  readonly file: ExportFileName;
  /** drop and close events: the list naming the ids. */
  readonly list?: ExportFileName;
}

export function planDrop(catalog: Catalog, files: readonly { readonly name: ExportFileName }[]): DropStep[] {
  const present = new Set<string>(files.map((f) => f.name));
  const needed = neededLists(catalog);
  const steps: DropStep[] = [];
  for (const { name } of files) {
    const entry = catalog.byFile(name);
    // a legacy export file is loaded by `legacy import`, never as part of a daily drop
    if (entry === undefined || entry.kind === 'legacy-export')
      steps.push({ kind: 'skip', file: name, why: 'unknown' });
    else if (entry.kind === 'deprecated') steps.push({ kind: 'skip', file: name, why: 'deprecated' });
  }
  for (const entry of catalog.entries)
    if (isRowsEntry(entry) && present.has(entry.file))
      steps.push({ kind: 'rows', entry, collectIds: needed.has(entry.file) });
  for (const entry of catalog.entries) if (entry.kind === 'child') steps.push({ kind: 'child', entry });
  for (const entry of catalog.entries)
    if (entry.kind === 'affiliation') steps.push({ kind: 'affiliation', entry });
  for (const entry of catalog.entries)
    if (entry.kind === 'deletion-list' && present.has(entry.file))
      steps.push({
        kind: 'deletion-list',
        entry,
        targets: entry.deletes.map(({ file, column }) => ({ entry: catalog.byFile(file)!, column })),
      });
  return steps;
}

/** The events of a plan in publishing order, at most: a step publishes a prefix of its own or less. */
export function plannedEvents(steps: readonly DropStep[]): PlannedEvent[] {
  return steps.flatMap((step): PlannedEvent[] => {
    switch (step.kind) {
      case 'skip':
        return [];
      case 'rows':
        return [{ op: 'row', file: step.entry.file }];
      case 'child':
        return [
          { op: 'drop', file: step.entry.file, list: step.entry.purge.list },
          { op: 'row', file: step.entry.file },
        ];
      case 'affiliation':
        return [
          { op: 'row', file: step.entry.file },
          { op: 'close', file: step.entry.file, list: step.entry.close.list },
        ];
      case 'deletion-list':
        return [
          { op: 'row', file: step.entry.file },
          ...step.targets.map((t): PlannedEvent => ({
            op: 'drop',
            file: t.entry.file,
            list: step.entry.file,
          })),
        ];
    }
  });
}

function isRowsEntry(entry: CatalogEntry): entry is RowsEntry {
  return (
    entry.kind === 'change-list' ||
    entry.kind === 'entity' ||
    entry.kind === 'append-only' ||
    entry.kind === 'legacy-id-map'
  );
}

/** Lists whose ids the purge step needs: children's drop lists and affiliations' close lists. */
function neededLists(catalog: Catalog): Set<ExportFileName> {
  const out = new Set<ExportFileName>();
  for (const e of catalog.entries) {
    if (e.kind === 'child') out.add(e.purge.list);
    if (e.kind === 'affiliation') out.add(e.close.list);
  }
  return out;
}

/**
 * What every phase of a drop reads: the drop's identity and files, the lists read so far, and where events,
 * dead letters and logs go. A phase returns its file's report; it never edits another phase's.
 */
import type { EventOrigin } from '../../core/events/contract';
import type { DeadLetter } from '../../core/events/dead-letter';
import type { TopicNames } from '../../core/events/topics';
import type { Logger } from '../../core/logger';
import type { DropId, ExportFileName, OrgId } from '../../core/types';
import type { SpooledDrop, SpooledFile } from '../drop/spool';
import type { RowReader } from '../rows/reader';
import type { ListRow } from './affiliation-close';
import type { DropOutput } from './output';
import type { Progress } from './progress';

/** A list file's accepted rows: id (its first key column) -> its row. */
export type ListIds = Map<string, ListRow>;

export interface DropPhaseContext {
  readonly org: OrgId;
  readonly dropId: DropId;
  /** The drop's files by name. */
  readonly present: ReadonlyMap<string, SpooledFile>;
  /** Each change list read so far that a child or an affiliation needs: id -> its accepted row. */
  readonly lists: ReadonlyMap<ExportFileName, ReadonlyMap<string, ListRow>>;
  /** Lists that could not be read at all. */
  readonly failedLists: ReadonlySet<ExportFileName>;
  readonly topics: TopicNames;
  readonly output: DropOutput;
  readonly logger: Logger;
  readonly progress: Progress;
  /** Reads the drop's files into row batches (in a worker thread while the drop is published). */
  readonly rows: RowReader;
  /** The drop's spool folder (a child file's rows wait there while its purge events go out). */
  readonly spoolFolder: string;
  /** The origin of an event published for `file` at `line` of this drop. */
  source(file: ExportFileName, line: number): EventOrigin;
  deadLetter(file: ExportFileName, why: Pick<DeadLetter, 'reason'> & Partial<DeadLetter>): Promise<void>;
}

export function dropPhaseContext(
  drop: SpooledDrop,
  deps: Pick<
    DropPhaseContext,
    'topics' | 'output' | 'logger' | 'progress' | 'lists' | 'failedLists' | 'rows'
  >,
): DropPhaseContext {
  return {
    ...deps,
    spoolFolder: drop.folder,
    org: drop.org,
    dropId: drop.id,
    present: new Map(drop.files.map((f) => [f.name, f])),
    source: (file, line) => ({ org: drop.org, drop: drop.id, day: drop.day, file, line }),
    deadLetter: (file, why) =>
      deps.output.deadLetter({
        stage: 'produce',
        org: drop.org,
        drop: drop.id,
        day: drop.day,
        file,
        ...why,
      }),
  };
}

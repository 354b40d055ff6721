/** What every phase of a drop (children, affiliations) reads and writes: the drop's lists, report and output. */
import type { DeadLetter } from '../../core/events/dead-letter';
import type { TopicNames } from '../../core/events/topics';
import type { Logger } from '../../core/logger';
import type { ExportFileName } from '../../core/types';
import type { ListRow } from './affiliation-close';
import type { DropOutput } from './output';
import type { DropReport } from './report';

export interface DropPhaseContext {
  /** Each change or deletion list of the drop: id -> its accepted row. */
  readonly lists: ReadonlyMap<ExportFileName, ReadonlyMap<string, ListRow>>;
  /** Lists that could not be read at all. */
  readonly failedLists: ReadonlySet<ExportFileName>;
  readonly report: DropReport;
  readonly topics: TopicNames;
  readonly output: DropOutput;
  readonly logger: Logger;
  deadLetter(file: ExportFileName, why: Pick<DeadLetter, 'reason'> & Partial<DeadLetter>): Promise<void>;
}

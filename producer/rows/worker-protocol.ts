/** The messages between the main thread and the row worker, each about one opened file (`id`). */
import type { CatalogEntry } from '../../core/catalog/types';
import type { ColumnPlan } from '../convert/column-plan';
import type { ReadOptions, RowsItem } from './file-rows';
import type { WireError } from './wire-error';

export type ToWorker =
  | { readonly t: 'open'; readonly id: number; readonly entry: CatalogEntry; readonly path: string }
  | { readonly t: 'read'; readonly id: number; readonly options: ReadOptions }
  /** The main thread took one item: the worker may send one more. */
  | { readonly t: 'credit'; readonly id: number }
  | { readonly t: 'close'; readonly id: number }
  /** A batch's buffer, handed back to be filled again. */
  | { readonly t: 'recycle'; readonly id: number; readonly buffer: ArrayBuffer };

export type FromWorker =
  | { readonly t: 'opened'; readonly id: number; readonly plan: ColumnPlan | null }
  | { readonly t: 'item'; readonly id: number; readonly item: RowsItem }
  | { readonly t: 'done'; readonly id: number }
  | { readonly t: 'error'; readonly id: number; readonly error: WireError };

/** Items a file may have in flight towards the main thread: about 1 MB of batches. */
export const CREDITS = 4;

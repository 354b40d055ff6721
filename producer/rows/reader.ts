/**
 * Where a drop's files are read into row batches: in a worker thread (worker-reader.ts), so parsing,
 * converting and encoding overlap the main thread's sends to Kafka, or in the calling thread.
 */
import type { CatalogEntry } from '../../core/catalog/types';
import { openFileRows, type FileRows } from './file-rows';

export interface RowReader {
  /** undefined when the file is empty (not even a header); a header that fails throws its FileError. */
  open(entry: CatalogEntry, localPath: string): Promise<FileRows | undefined>;
  close(): Promise<void>;
}

export function inThreadReader(): RowReader {
  return { open: openFileRows, close: async () => undefined };
}

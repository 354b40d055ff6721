/**
 * Streams a CSV file as records with their line numbers. Well-formed batches are parsed by csv-parse in one
 * call; a batch with an error is parsed again record by record, so only the bad record is reported and every
 * other one is kept. Memory stays flat: one read chunk and its records at a time.
 */
import { createReadStream } from 'node:fs';
import { parse, type Options } from 'csv-parse/sync';
import { createRecordSplitter, type RecordBatch } from './record-splitter';
import { InternalError } from '../../core/errors';

export type CsvRecord =
  | { readonly line: number; readonly fields: readonly string[] }
  | {
      readonly line: number;
      readonly error: string;
      readonly column?: number;
      /** Invalid UTF-8 only: the record's fields with U+FFFD where the bad bytes were, to tell which cells are intact. */
      readonly fields?: readonly string[];
    };

const PARSE_OPTIONS: Options = {
  relax_column_count: true,
  skip_empty_lines: true,
  record_delimiter: ['\r\n', '\n', '\r'],
};

const REPLACEMENT = '\uFFFD';

/**
 * Bytes read (and parsed in one csv-parse call) at a time. 256 KB, not 1 MB: the records of a chunk live
 * until its batch of rows is built. The 200,000-row bench drop read alone through the row worker peaked at
 * 121 MB against 165 MB; the whole producer at 348-356 MB against 360-371 MB (BENCHMARKS.md).
 */
export const READ_CHUNK_BYTES = 256 * 1024;

export async function* readCsvRecords(
  file: string,
  { chunkBytes = READ_CHUNK_BYTES } = {},
): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  const splitter = createRecordSplitter();
  for await (const chunk of createReadStream(file, { highWaterMark: chunkBytes })) {
    yield* parseBatch(splitter.push(decoder.decode(chunk as Buffer, { stream: true })));
  }
  const last = splitter.end();
  const tail = decoder.decode();
  if (tail !== '') throw new InternalError('internal: decoder held bytes after the end of the file');
  if (last.unclosedQuoteAtLine !== undefined) {
    const open = last.spans[last.spans.length - 1];
    yield* parseBatch({ text: last.text, spans: last.spans.slice(0, -1) });
    yield {
      line: last.unclosedQuoteAtLine,
      error: `a quoted field opened here is never closed (the rest of the file, ${open === undefined ? 0 : last.text.length - open.start} characters, is one broken record)`,
    };
    return;
  }
  yield* parseBatch(last);
}

function* parseBatch({ text, spans }: RecordBatch): Generator<CsvRecord> {
  if (spans.length === 0) return;
  const first = spans[0]!;
  const last = spans[spans.length - 1]!;
  const whole = text.slice(first.start, last.end);
  if (!whole.includes(REPLACEMENT)) {
    const fields = tryParse(whole);
    if (fields !== undefined && fields.length === spans.length) {
      for (let i = 0; i < spans.length; i++) yield { line: spans[i]!.line, fields: fields[i]! };
      return;
    }
  }
  for (const span of spans) yield parseOne(text.slice(span.start, span.end), span.line);
}

function parseOne(recordText: string, line: number): CsvRecord {
  const bad = recordText.indexOf(REPLACEMENT);
  if (bad >= 0) {
    const column = recordText.slice(0, bad).split(',').length;
    const fields = tryParse(recordText);
    return {
      line,
      column,
      error: `invalid UTF-8 in field ${column}`,
      ...(fields?.length === 1 ? { fields: fields[0]! } : {}),
    };
  }
  try {
    const rows = parse(recordText, PARSE_OPTIONS) as string[][];
    if (rows.length !== 1) return { line, error: `expected one record, found ${rows.length}` };
    return { line, fields: rows[0]! };
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/ at line \d+/, '') : String(err);
    const column = (err as { column?: unknown }).column;
    return typeof column === 'number'
      ? { line, error: message, column: column + 1 }
      : { line, error: message };
  }
}

function tryParse(text: string): string[][] | undefined {
  try {
    return parse(text, PARSE_OPTIONS) as string[][];
  } catch {
    return undefined;
  }
}

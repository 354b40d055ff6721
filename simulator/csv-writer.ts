/**
 * Writes one CSV file from a stream of rows with flat memory: rows are joined into chunks of about 256 KB
 * and each chunk waits for the disk when the stream asks it to (backpressure).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface CsvStyle {
  readonly bom: boolean;
  readonly eol: '\n' | '\r\n';
  /** Quote every field, as some exporters do; otherwise only fields that need it. */
  readonly quoteAll: boolean;
}

export interface Written {
  readonly rows: number;
  readonly bytes: number;
}

const CHUNK = 256 * 1024;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string, quoteAll: boolean): string {
  return quoteAll || NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[], style: CsvStyle): string {
  return fields.map((f) => csvField(f, style.quoteAll)).join(',') + style.eol;
}

export async function writeCsv(
  file: string,
  header: readonly string[],
  rows: Iterable<readonly string[]>,
  style: CsvStyle,
): Promise<Written> {
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  let bytes = 0;
  let count = 0;
  let chunk = (style.bom ? '\ufeff' : '') + csvLine(header, style);
  const flush = async (): Promise<void> => {
    bytes += Buffer.byteLength(chunk);
    const ok = out.write(chunk);
    chunk = '';
    if (!ok) await Promise.race([once(out, 'drain'), failed]);
  };
  for (const row of rows) {
    chunk += csvLine(row, style);
    count += 1;
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  out.end();
  await Promise.race([once(out, 'close'), failed]);
  return { rows: count, bytes };
}

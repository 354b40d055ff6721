/**
 * Finds where CSV records begin and end in decoded text, tracking quotes and physical lines, so every record
 * is known by the line it starts on and one malformed record can be cut out without losing the next ones.
 * It does not split fields: csv-parse does that. Line breaks are CRLF, LF or CR; a break inside quotes
 * belongs to the field. Blank lines are skipped (as csv-parse does with skip_empty_lines).
 */

export interface RecordSpan {
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** Offsets into the batch text: [start, end) excludes the line break. */
  readonly start: number;
  readonly end: number;
}

export interface RecordBatch {
  readonly text: string;
  readonly spans: readonly RecordSpan[];
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;
const COMMA = 44;

export interface RecordSplitter {
  /** Adds text; returns the records completed so far (the last, unfinished one is kept back). */
  push(text: string): RecordBatch;
  /** No more text: returns the last record, if any, and whether it ends inside an open quote. */
  end(): RecordBatch & { readonly unclosedQuoteAtLine?: number };
}

export function createRecordSplitter(): RecordSplitter {
  let buf = '';
  let nextLine = 1; // line at offset 0 of buf

  const scan = (final: boolean): RecordBatch & { unclosedQuoteAtLine?: number } => {
    const spans: RecordSpan[] = [];
    let line = nextLine;
    let recordStart = 0;
    let recordLine = line;
    let inQuotes = false;
    let fieldStart = true;
    let i = 0;
    let cut = 0; // end of the last complete record, including its line break
    let cutLine = line;
    const n = buf.length;
    while (i < n) {
      const c = buf.charCodeAt(i);
      if (inQuotes) {
        if (c === QUOTE) {
          if (i + 1 < n && buf.charCodeAt(i + 1) === QUOTE) i += 2;
          else if (i + 1 === n && !final)
            break; // cannot tell "" from " yet
          else {
            inQuotes = false;
            i += 1;
          }
        } else if (c === CR) {
          if (i + 1 === n && !final) break;
          i += i + 1 < n && buf.charCodeAt(i + 1) === LF ? 2 : 1;
          line += 1;
        } else {
          if (c === LF) line += 1;
          i += 1;
        }
        continue;
      }
      if (c === QUOTE) {
        if (fieldStart) inQuotes = true;
        fieldStart = false;
        i += 1;
      } else if (c === COMMA) {
        fieldStart = true;
        i += 1;
      } else if (c === LF || c === CR) {
        if (c === CR && i + 1 === n && !final) break;
        const breakLen = c === CR && i + 1 < n && buf.charCodeAt(i + 1) === LF ? 2 : 1;
        if (i > recordStart) spans.push({ line: recordLine, start: recordStart, end: i });
        i += breakLen;
        line += 1;
        recordStart = i;
        recordLine = line;
        fieldStart = true;
        cut = i;
        cutLine = line;
      } else {
        fieldStart = false;
        i += 1;
      }
    }
    if (final) {
      const result: RecordBatch & { unclosedQuoteAtLine?: number } = { text: buf, spans };
      if (recordStart < n) spans.push({ line: recordLine, start: recordStart, end: n });
      if (inQuotes) result.unclosedQuoteAtLine = recordLine;
      buf = '';
      return result;
    }
    const text = buf.slice(0, cut);
    buf = buf.slice(cut);
    nextLine = cutLine;
    return { text, spans };
  };

  return {
    push(text) {
      buf += text;
      return scan(false);
    },
    end() {
      return scan(true);
    },
  };
}

/**
 * The closed set of errors the connector raises on purpose. Each has a stable code, says whether a retry
 * can help, and carries a message a person can act on.
 */

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CATALOG_INVALID'
  | 'SOURCE_UNREACHABLE'
  | 'SOURCE_LAYOUT'
  | 'CSV_ROW_INVALID'
  | 'CSV_FILE_INVALID'
  | 'SCHEMA_REGISTRY'
  | 'SCHEMA_INCOMPATIBLE'
  | 'KAFKA'
  | 'MONGODB'
  | 'EVENT_INVALID'
  | 'STACK'
  | 'PARTITIONS_CHANGED'
  | 'STALLED'
  | 'STOPPED';

export class ConnectorError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    { retriable = false, cause }: { retriable?: boolean; cause?: unknown } = {},
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = retriable;
  }
}

/** Bad configuration: never retriable, the message names the setting. */
export class ConfigError extends ConnectorError {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}

/** Where in a CSV file something went wrong; line and column are 1-based. */
export interface CsvPosition {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly columnName?: string;
}

/** A whole file cannot be applied (for example its key column is missing). */
export class FileError extends ConnectorError {
  readonly file: string;

  constructor(file: string, reason: string) {
    super('CSV_FILE_INVALID', `${file}: ${reason}`);
    this.file = file;
  }
}

export function formatPosition({ file, line, column, columnName }: CsvPosition): string {
  const col =
    column === undefined ? '' : `, column ${column}${columnName === undefined ? '' : ` (${columnName})`}`;
  return `${file}, line ${line}${col}`;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

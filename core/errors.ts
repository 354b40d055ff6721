/**
 * The closed set of errors the connector raises on purpose. Each has a stable code, says whether a retry
 * can help, and carries a message a person can act on.
 */

/**
 * Every code, with its family. A family says what kind of trouble it is and whether a retry can help by
 * default: only the servers' errors can pass by themselves.
 */
export const ERROR_CODES = [
  ['CONFIG_INVALID', 'config'],
  ['CATALOG_INVALID', 'config'],
  ['SOURCE_LAYOUT', 'input'],
  ['CSV_FILE_INVALID', 'input'],
  ['EVENT_INVALID', 'input'],
  ['SOURCE_UNREACHABLE', 'server'],
  ['SCHEMA_REGISTRY', 'server'],
  ['KAFKA', 'server'],
  ['MONGODB', 'server'],
  ['SCHEMA_INCOMPATIBLE', 'contract'],
  ['PARTITIONS_CHANGED', 'contract'],
  ['STALLED', 'run'],
  ['STOPPED', 'run'],
  ['STACK', 'stack'],
  ['INTERNAL', 'internal'],
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number][0];
export type ErrorFamily = (typeof ERROR_CODES)[number][1];
/** The codes of one family. */
export type CodeOf<F extends ErrorFamily> = Extract<(typeof ERROR_CODES)[number], readonly [string, F]>[0];

const FAMILY = new Map<ErrorCode, ErrorFamily>(ERROR_CODES);
const RETRIABLE_FAMILIES: ReadonlySet<ErrorFamily> = new Set(['server']);

export function familyOf(code: ErrorCode): ErrorFamily {
  return FAMILY.get(code)!;
}

export interface ErrorOptions {
  /** Whether a retry can help; the family's default when left out. */
  readonly retriable?: boolean;
  readonly cause?: unknown;
}

export class ConnectorError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;

  constructor(code: ErrorCode, message: string, { retriable, cause }: ErrorOptions = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = retriable ?? RETRIABLE_FAMILIES.has(familyOf(code));
  }
}

/** Bad configuration or catalog: never retriable, the message names the setting or the entry. */
export class ConfigError extends ConnectorError {
  constructor(message: string, code: CodeOf<'config'> = 'CONFIG_INVALID', options: ErrorOptions = {}) {
    super(code, message, options);
  }
}

/** Input the vendor sent that cannot be used as it is: a folder, a file, an event. */
export class InputError extends ConnectorError {
  constructor(code: CodeOf<'input'>, message: string, options: ErrorOptions = {}) {
    super(code, message, options);
  }
}

/** A server (FTP, registry, Kafka, MongoDB) failed or refused; retriable unless said otherwise. */
export class ServerError extends ConnectorError {
  constructor(code: CodeOf<'server'>, message: string, options: ErrorOptions = {}) {
    super(code, message, options);
  }
}

/** What was published before no longer holds (a schema, a partition count): a person must decide. */
export class ContractError extends ConnectorError {
  constructor(code: CodeOf<'contract'>, message: string, options: ErrorOptions = {}) {
    super(code, message, options);
  }
}

/** A run that stopped making progress, or was stopped. */
export class RunError extends ConnectorError {
  constructor(code: CodeOf<'run'>, message: string, options: ErrorOptions = {}) {
    super(code, message, options);
  }
}

/** The local stack (`edreflect stack`) could not install, start or check a server. */
export class StackError extends ConnectorError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('STACK', message, options);
  }
}

/** A bug in the connector or a misuse of one of its modules, never the input's fault. */
export class InternalError extends ConnectorError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('INTERNAL', message, options);
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
export class FileError extends InputError {
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

/**
 * Structured logs: one JSON object per line on stderr, so stdout stays free for a command's own output.
 * The level comes from EDREFLECT_LOG_LEVEL (debug, info, warn, error); the default is info. Every line
 * passes through redact(): secret setting values and URL passwords are written as `***`.
 */
import { redact } from './redact';
import { ConfigError } from './errors';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function parseLogLevel(value: string | undefined): LogLevel {
  if (value === undefined || value === '') return 'info';
  if (value in RANK) return value as LogLevel;
  throw new ConfigError(`EDREFLECT_LOG_LEVEL must be one of debug, info, warn, error (got "${value}")`);
}

export function createLogger({
  level = parseLogLevel(process.env['EDREFLECT_LOG_LEVEL']),
  base = {},
  write = (line: string) => process.stderr.write(line + '\n'),
}: { level?: LogLevel; base?: LogFields; write?: (line: string) => void } = {}): Logger {
  const emit = (lvl: LogLevel, msg: string, fields?: LogFields): void => {
    if (RANK[lvl] < RANK[level]) return;
    write(
      redact(
        JSON.stringify(
          { time: new Date().toISOString(), level: lvl, msg, ...base, ...fields },
          errorReplacer,
        ),
      ),
    );
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger({ level, base: { ...base, ...fields }, write }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

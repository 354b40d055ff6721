/**
 * `--log-level LEVEL` (or `--log-level=LEVEL`), accepted anywhere on the command line of every command. It
 * overrides EDREFLECT_LOG_LEVEL; the last one given wins.
 */
import type { LogLevel } from '../core/logger';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const FLAG = '--log-level';

export type LogLevelFlag =
  | { readonly ok: true; readonly argv: string[]; readonly level?: LogLevel }
  | { readonly ok: false; readonly problem: string };

export function takeLogLevelFlag(argv: readonly string[]): LogLevelFlag {
  const rest: string[] = [];
  let level: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === FLAG) {
      level = argv[i + 1];
      if (level === undefined) return { ok: false, problem: `${FLAG} needs a value: ${LEVELS.join(', ')}` };
      i += 1;
    } else if (arg.startsWith(`${FLAG}=`)) level = arg.slice(FLAG.length + 1);
    else rest.push(arg);
  }
  if (level === undefined) return { ok: true, argv: rest };
  if (!(LEVELS as readonly string[]).includes(level))
    return { ok: false, problem: `${FLAG} must be one of ${LEVELS.join(', ')} (got "${level}")` };
  return { ok: true, argv: rest, level: level as LogLevel };
}

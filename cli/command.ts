/**
 * The start-up every subcommand shares, written once: its flags as data (parsed strictly with
 * node:util parseArgs), the settings it reads (checked before it runs, every problem at once), and the
 * `--help` / `-h` text made from both.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readSettings, type Settings } from '../core/config';
import type { Logger } from '../core/logger';
import { SETTINGS, type SettingName } from '../core/settings';
import { EXIT } from './exit-codes';
import { SERVER_SETTINGS, withLocalStackDefault } from './local-stack-default';

export interface FlagSpec {
  readonly type: 'boolean' | 'string';
  readonly description: string;
  /** The value's name in the help, e.g. SECONDS. */
  readonly value?: string;
  readonly default?: string;
}

export type Flags = Readonly<Record<string, FlagSpec>>;

export type FlagValues<F extends Flags> = {
  readonly [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : string;
};

export type Out = (line: string) => void;

export interface CommandContext<F extends Flags, S extends SettingName> {
  readonly flags: FlagValues<F>;
  readonly positionals: readonly string[];
  /** The settings of `settings`, checked and parsed to their types. */
  readonly values: Settings<S>;
  readonly logger: Logger;
  readonly out: Out;
}

export interface CommandSpec<F extends Flags, S extends SettingName> {
  /** As typed after `edreflect`, e.g. `produce`. */
  readonly name: string;
  /** Synopsis lines, each as typed after `edreflect`. */
  readonly usage: readonly string[];
  readonly summary: string;
  readonly flags: F;
  /** Positional arguments are accepted (and described in `usage`). */
  readonly positionals?: boolean;
  /** Read and checked before `run`. */
  readonly settings: readonly S[];
  /** Also read, by `run` itself (only in some modes, or optional ones); listed in the help. */
  readonly moreSettings?: readonly SettingName[];
  /** Other environment variables the command reads, as `NAME: meaning` lines of the help. */
  readonly environment?: readonly string[];
  /** `false`: `run` gets the arguments untouched in `positionals` and parses them itself. */
  readonly parse?: boolean;
  run(context: CommandContext<F, S>): Promise<number>;
}

export interface Command {
  readonly name: string;
  readonly help: string;
  run(argv: readonly string[], logger: Logger, out: Out): Promise<number>;
}

/** The settings that secure a Kafka connection (core/kafka/security.ts), read by every command that connects. */
export const KAFKA_SECURITY_SETTINGS: readonly SettingName[] = [
  'kafkaSsl',
  'kafkaSslCaFile',
  'kafkaSaslMechanism',
  'kafkaSaslUsername',
  'kafkaSaslPassword',
];

export function defineCommand<F extends Flags, S extends SettingName = never>(
  spec: CommandSpec<F, S>,
): Command {
  const help = helpText(spec);
  return {
    name: spec.name,
    help,
    async run(argv, logger, out) {
      if (asksForHelp(argv)) {
        out(help);
        return EXIT.ok;
      }
      const reads = [...spec.settings, ...(spec.moreSettings ?? [])];
      if (reads.some((name) => SERVER_SETTINGS.includes(name)))
        return withLocalStackDefault(logger, () => runParsed(spec, argv, logger, out));
      return runParsed(spec, argv, logger, out);
    },
  };
}

/** Parses the flags, reads and checks the settings, then runs the command. */
async function runParsed<F extends Flags, S extends SettingName>(
  spec: CommandSpec<F, S>,
  argv: readonly string[],
  logger: Logger,
  out: Out,
): Promise<number> {
  if (spec.parse === false)
    return spec.run({ flags: {}, positionals: [...argv], values: readSettings<S>([]), logger, out });
  const options = Object.fromEntries(
    Object.entries(spec.flags).map(([name, f]) => [
      name,
      f.default === undefined ? { type: f.type } : { type: f.type, default: f.default },
    ]),
  ) as ParseArgsConfig['options'];
  const parsed = parseArgs({
    args: [...argv],
    options,
    allowPositionals: spec.positionals === true,
    strict: true,
  });
  const values = readSettings(spec.settings);
  return spec.run({
    flags: parsed.values as FlagValues<F>,
    positionals: parsed.positionals,
    values,
    logger,
    out,
  });
}

/** `--help` or `-h` anywhere before a `--`. */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

function helpText<F extends Flags, S extends SettingName>(spec: CommandSpec<F, S>): string {
  const column = (left: string, right: string): string => `  ${left.padEnd(30)} ${right}`;
  const lines = spec.usage.map((u, i) => `${i === 0 ? 'usage:' : '      '} edreflect ${u}`);
  lines.push('', spec.summary, '', 'options:');
  for (const [name, f] of Object.entries(spec.flags)) {
    const left = f.type === 'string' ? `--${name} ${f.value ?? 'VALUE'}` : `--${name}`;
    lines.push(
      column(left, f.default === undefined ? f.description : `${f.description} (default ${f.default})`),
    );
  }
  lines.push(column('--log-level LEVEL', 'debug, info, warn or error (overrides EDREFLECT_LOG_LEVEL)'));
  lines.push(column('-h, --help', 'this help'));
  const all = [...new Set([...spec.settings, ...(spec.moreSettings ?? [])])];
  if (all.length > 0) {
    lines.push('', 'settings (environment, <VAR>_FILE, or the file EDREFLECT_CONFIG names):');
    for (const name of all) {
      const s = SETTINGS[name];
      const when =
        s.default !== undefined
          ? ` (default ${s.default === '' ? 'empty' : s.default})`
          : (spec.settings as readonly SettingName[]).includes(name)
            ? ' (required)'
            : '';
      lines.push(column(s.env, `${s.description}${when}`));
    }
  }
  if (spec.environment !== undefined && spec.environment.length > 0) {
    lines.push('', 'environment:');
    for (const line of spec.environment) lines.push(`  ${line}`);
  }
  lines.push(
    '',
    'exit status: 0 ok, 1 error, 2 rows or files rejected, 3 days missed, 4 a late day waits (--accept-late), 5 partition count changed, 64 wrong usage',
  );
  return lines.join('\n');
}

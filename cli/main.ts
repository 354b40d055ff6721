#!/usr/bin/env -S node --max-semi-space-size=8
/**
 * The `edreflect` command. Each subcommand returns its exit status; anything thrown ends the run with a
 * one-line reason on stderr and status 1 (64 for wrong usage).
 */
import { ConnectorError, errorMessage } from '../core/errors';
import { explainKafkaFailure } from '../core/kafka/failure';
import { registerSecrets } from '../core/config';
import { createLogger } from '../core/logger';
import { printWarningsExceptKnownHarmless } from '../core/node-warnings';
import { readOrgTargets } from '../core/orgs';
import { redact } from '../core/redact';
import { benchCommand } from './commands/bench';
import { checkDataCommand } from './commands/check-data';
import { configCommand } from './commands/config';
import { consumeCommand } from './commands/consume';
import { demoCommand } from './commands/demo';
import { generateCommand } from './commands/generate';
import { legacyCommand } from './commands/legacy';
import { migrateTopicsCommand } from './commands/migrate-topics';
import { produceCommand } from './commands/produce';
import { replayCommand } from './commands/replay';
import { stackCommand } from './commands/stack';
import { statusCommand } from './commands/status';
import { uiCommand } from './commands/ui';
import { verifyCommand } from './commands/verify';
import type { Command } from './command';
import { EXIT, exitOfError } from './exit-codes';
import { takeLogLevelFlag } from './log-level-flag';

const HELP = `edreflect: applies EdReflect daily CSV exports to MongoDB through Kafka and Avro

  edreflect produce --once [--dry-run]   publish every settled, new drop of each org (EDREFLECT_ORG or the config's orgs)
  edreflect produce --watch [--interval S | --cron 'M H DOM MON DOW']   the same every S seconds (default 300),
                                         or at the times of a cron schedule, until SIGTERM
  edreflect consume [--until-idle]       apply the events to MongoDB (until stopped, or until all is applied)
  edreflect status [--json] [--group G]  per org and collection: newest drop applied, consumer lag, dead letters
  edreflect ui [--port P] [--host H]    serve a read-only status page (and /api/status) on 127.0.0.1:EDREFLECT_UI_PORT
  edreflect replay [--wipe] [--group G] [--until DAY]   rebuild MONGODB_DB from every topic, from the beginning,
                                         with a fresh group (--until: as of that vendor day)
  edreflect verify [--org ORG] [--until DAY] [--json]   compare MONGODB_DB with what the topics imply (exit 1 if not equal)
  edreflect check-data [--org ORG] [--json]   data quality per org: orphan child rows, unknown Slos statuses, keys seen twice
                                         in a day, columns added or missing by day, affiliations closed per day
  edreflect migrate-topics --from P      copy the topics of prefix P into new ones (EDREFLECT_TOPIC_PREFIX), in order
  edreflect legacy import DIR --org ORG  publish a pre-August-2020 full export to legacy_<file>, old ids resolved
                                         to new ones through the org's legacy_ids (docs/legacy.md)
  edreflect config check                 print every setting and where it came from, check each server answers
  edreflect stack up|down|status|env|reset   the local stack of real servers (Kafka, registry, FerretDB, ProFTPD)
  edreflect demo                         stack up, publish the sample drops over FTPS, apply them, print the result
  edreflect generate --out DIR --days N --orgs a,b [--seed S] [--rows R] [--start YYYY-MM-DD] [--doubtful] [--late-day N] [--defects] [--legacy]
                                         write simulated vendor exports (per-day folders), reproducible from the seed
  edreflect bench [--rows N] [--partitions P] [--consumers 1|2] [--keep] [--out DIR] [--cpu-prof]
                                         measure raw baselines and each stage on the local stack (BENCHMARKS.md)

edreflect <command> --help (or -h) shows a command's options and the settings it reads.
Every command takes --log-level debug|info|warn|error (overrides EDREFLECT_LOG_LEVEL; JSON lines on stderr).
Settings come from environment variables, <VAR>_FILE files and the JSON file EDREFLECT_CONFIG names
(environment first); see docs/configuration.md. Exit status: 0 ok, 1 error, 2 rows or files
rejected (see the dead-letter topic), 3 days missed, 4 a late day waits (--accept-late), 5 a topic's partition count changed
(migrate-topics), 64 wrong usage.`;

const COMMANDS: Record<string, Command> = {
  produce: produceCommand,
  consume: consumeCommand,
  status: statusCommand,
  replay: replayCommand,
  stack: stackCommand,
  demo: demoCommand,
  generate: generateCommand,
  bench: benchCommand,
  config: configCommand,
  ui: uiCommand,
  'migrate-topics': migrateTopicsCommand,
  verify: verifyCommand,
  'check-data': checkDataCommand,
  legacy: legacyCommand,
};

export async function main(args: string[]): Promise<number> {
  printWarningsExceptKnownHarmless();
  const flag = takeLogLevelFlag(args);
  if (!flag.ok) {
    process.stderr.write(`edreflect: ${flag.problem}\n`);
    return EXIT.usage;
  }
  // Through the environment, so every logger of this process (and of the processes it starts) follows it.
  if (flag.level !== undefined) process.env['EDREFLECT_LOG_LEVEL'] = flag.level;
  registerSecrets();
  registerOrgSecrets();
  const [name, ...rest] = flag.argv;
  const out = (line: string): void => void process.stdout.write(line + '\n');
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    out(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`edreflect: unknown command "${name}"\n${HELP}\n`);
    return EXIT.usage;
  }
  // The demo is read by a person: only warnings and errors in its log unless a level is asked for.
  const quiet = name === 'demo' && (process.env['EDREFLECT_LOG_LEVEL'] ?? '') === '';
  const logger = createLogger({ base: { command: name }, ...(quiet ? { level: 'warn' as const } : {}) });
  try {
    return await command.run(rest, logger, out);
  } catch (thrown) {
    const err = explainKafkaFailure(thrown);
    const usage = err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const prefix = err instanceof ConnectorError ? `${err.code}: ` : '';
    if ((err as { printed?: boolean }).printed !== true)
      process.stderr.write(redact(`edreflect ${name}: ${prefix}${errorMessage(err)}`) + '\n');
    logger.debug('failure detail', { error: err instanceof Error ? err.stack : String(err) });
    return usage ? EXIT.usage : exitOfError(err);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // Clients may leave sockets or timers behind; do not let them keep a finished command alive.
      setTimeout(() => process.exit(code), 3000).unref();
    },
    (err: unknown) => {
      process.stderr.write(redact(`edreflect: ${errorMessage(err)}`) + '\n');
      process.exitCode = EXIT.error;
    },
  );
}

/** The orgs' FTP passwords of the configuration file, registered with the redactor like the settings. */
function registerOrgSecrets(): void {
  try {
    readOrgTargets();
  } catch {
    // Reported by the command that needs the orgs.
  }
}

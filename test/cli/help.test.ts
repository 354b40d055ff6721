/** Every subcommand answers --help and -h with its usage, its options and the settings it reads, exit 0. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';

const bare: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'] };

/** The command line, a flag its options must list, and a setting (or variable) its help must name. */
const COMMANDS: readonly { args: string[]; option: string; reads: string }[] = [
  { args: ['produce'], option: '--interval SECONDS', reads: 'EDREFLECT_SOURCE' },
  { args: ['consume'], option: '--until-idle', reads: 'MONGODB_URI' },
  { args: ['replay'], option: '--wipe', reads: 'EDREFLECT_CONSUMER_GROUP' },
  { args: ['replay'], option: '--until YYYY-MM-DD', reads: 'MONGODB_DB' },
  { args: ['verify'], option: '--org ORG', reads: 'EDREFLECT_CONSUMER_GROUP' },
  { args: ['legacy'], option: '--org ORG', reads: 'SCHEMA_REGISTRY_URL' },
  { args: ['migrate-topics'], option: '--from PREFIX', reads: 'EDREFLECT_TOPIC_PREFIX' },
  { args: ['check-data'], option: '--org ORG', reads: 'MONGODB_DB' },
  { args: ['status'], option: '--json', reads: 'KAFKA_BROKERS' },
  { args: ['ui'], option: '--port P', reads: 'EDREFLECT_UI_PORT' },
  { args: ['config', 'check'], option: '--log-level LEVEL', reads: 'SCHEMA_REGISTRY_URL' },
  { args: ['stack'], option: '-h, --help', reads: 'EDREFLECT_STACK_DIR' },
  { args: ['demo'], option: '-h, --help', reads: 'edreflect stack --help' },
  { args: ['generate'], option: '--out DIR', reads: '--orgs a,b' },
  { args: ['generate'], option: '--defects', reads: '--orgs a,b' },
  { args: ['bench'], option: '--rows N', reads: "the local stack's own" },
];

describe('edreflect <command> --help', () => {
  for (const { args, option, reads } of COMMANDS) {
    it(`${args.join(' ')}: --help and -h print usage, options and settings, exit 0`, async () => {
      for (const flag of ['--help', '-h']) {
        // Without any setting: help is answered before the settings are checked.
        const run = await runCli([...args, flag], bare);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stderr, '');
        assert.match(run.stdout, new RegExp(`^usage: edreflect ${args[0]}`));
        assert.match(run.stdout, /\noptions:\n/);
        assert.ok(run.stdout.includes(option), run.stdout);
        assert.ok(run.stdout.includes(reads), run.stdout);
      }
    });
  }

  it('help wins over other flags, also after a subcommand action', async () => {
    const run = await runCli(['produce', '--once', '--no-such-flag', '-h'], bare);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^usage: edreflect produce --once/);
    const stack = await runCli(['stack', 'up', '--help'], bare);
    assert.equal(stack.code, 0, stack.stderr);
    assert.match(stack.stdout, /^usage: edreflect stack up/);
  });

  it("the top-level help points at the commands' own", async () => {
    const run = await runCli(['--help'], bare);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /edreflect <command> --help \(or -h\)/);
  });
});

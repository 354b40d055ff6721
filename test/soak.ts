/**
 * `npm run soak [-- ROUNDS [NAME-PATTERN]]`: runs the outage tests (test/faults/outages.test.js) ROUNDS
 * times in a row (10 by default) on one stack, the one the environment names (`eval "$(edreflect stack
 * env)"` first), and prints each round's result and the figure at the end: `soak: 9 of 10 rounds passed`.
 * A pattern runs only the matching tests (`-- 10 MongoDB`). Not part of `npm test` or CI: it takes long.
 * Each failed round's output is kept in a file whose name is printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function soak(): number {
  const [roundsArg = '10', pattern] = process.argv.slice(2);
  const rounds = Number(roundsArg);
  if (!Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write(`soak: the number of rounds must be a whole number above 0 (got ${roundsArg})\n`);
    return 64;
  }
  for (const name of ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'MONGODB_URI', 'EDREFLECT_FTP_URL']) {
    if ((process.env[name] ?? '') === '') {
      process.stderr.write(`soak: ${name} is not set: run eval "$(edreflect stack env)" first\n`);
      return 64;
    }
  }
  const file = path.join(__dirname, 'faults', 'outages.test.js');
  const logs = mkdtempSync(path.join(tmpdir(), 'edreflect-soak-'));
  let passed = 0;
  for (let round = 1; round <= rounds; round++) {
    const started = Date.now();
    const result = spawnSync(
      process.execPath,
      [
        '--test',
        '--test-reporter=spec',
        ...(pattern === undefined ? [] : [`--test-name-pattern=${pattern}`]),
        file,
      ],
      { env: process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    const seconds = Math.round((Date.now() - started) / 1000);
    const ok = result.status === 0;
    if (ok) passed += 1;
    let where = '';
    if (!ok) {
      const log = path.join(logs, `round-${round}.log`);
      writeFileSync(log, `${result.stdout}\n${result.stderr}`);
      where = ` (output: ${log})`;
    }
    process.stdout.write(
      `soak: round ${round} of ${rounds}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s${where}\n`,
    );
  }
  process.stdout.write(`soak: ${passed} of ${rounds} rounds passed\n`);
  return passed === rounds ? 0 : 1;
}

process.exitCode = soak();

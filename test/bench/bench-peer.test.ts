/**
 * `edreflect bench --peer` on a small drop, through the real CLI and the real servers: the MongoDB Kafka
 * sink connector runs under Kafka Connect over the same rows into the same server, stores every row, and
 * the ratio to our consumer and the MongoDB costs per 1,000 events are printed and recorded. No timing is
 * asserted (the machine is shared).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/cli';

const ROWS = 3000;

interface RecordedStage {
  stage: string;
  rowsPerSecond: number;
  ratio: number | null;
  ratioOf: string | null;
  details: Record<string, number>;
  costs: {
    source: string;
    events: number;
    tally: { commands: Record<string, number>; insertedDocuments: number; updateStatements: number };
    serverCommands?: Record<string, number>;
    per1000Events: {
      commands: number;
      insertedDocuments: number;
      updateStatements: number;
      deleteStatements: number;
    };
  } | null;
}

describe('edreflect bench --peer', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'edreflect-bench-peer-test-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it(`runs the MongoDB Kafka sink over the same ${ROWS} rows, stores all of them, prints ours ÷ peer and the costs`, async () => {
    const result = await runCli(
      ['bench', '--rows', String(ROWS), '--peer', '--out', out],
      { ...process.env, EDREFLECT_LOG_LEVEL: 'warn' },
      { timeoutMs: 20 * 60_000 },
    );
    assert.equal(result.code, 0, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
    const peerLine = new RegExp(
      `^peer MongoDB sink\\s+${ROWS}\\s+\\d+\\.\\d\\s+(\\d+)\\s+(\\d+\\.\\d\\d) = ours consumer ÷ peer\\s+≥ 1\\.50\\s+(yes|NO)\\s`,
      'm',
    ).exec(result.stdout);
    assert.ok(peerLine, `the table lists the peer with ours ÷ peer:\n${result.stdout}`);
    assert.ok(Number(peerLine[1]) > 0 && Number(peerLine[2]) > 0);
    assert.match(
      result.stdout,
      new RegExp(`^peer MongoDB sink stored ${ROWS} of the drop's ${ROWS} rows in \\d+ documents`, 'm'),
    );
    for (const stage of ['raw insertMany', 'ours consumer', 'peer MongoDB sink', 'end to end'])
      assert.match(
        result.stdout,
        new RegExp(
          `^${stage}\\s+\\d+\\s+\\d+\\.\\d\\s+\\d+\\.\\d\\s+\\d+\\.\\d\\s+\\d+\\.\\d\\s+(driver monitoring|server counters)`,
          'm',
        ),
        `the costs table lists ${stage}`,
      );
    assert.match(result.stdout, /cleaned up: \d+ topics, \d+ registry subjects, 4 databases/);

    const file = /^results: (.+\.json)$/m.exec(result.stdout)?.[1];
    assert.ok(file !== undefined);
    const record = JSON.parse(readFileSync(file, 'utf8')) as { stages: RecordedStage[] };
    const by = (name: string): RecordedStage => {
      const s = record.stages.find((x) => x.stage === name);
      assert.ok(s, `${name} in the JSON`);
      return s;
    };
    const peer = by('peer MongoDB sink');
    const consumer = by('ours consumer');
    assert.equal(peer.details['rowsStored'], ROWS, 'the peer stored every row');
    assert.equal(peer.details['events'], ROWS, 'the peer read one event per row');
    assert.ok(
      peer.ratio !== null && Math.abs(peer.ratio - consumer.rowsPerSecond / peer.rowsPerSecond) < 0.01,
    );
    assert.equal(peer.costs?.source, 'server');
    assert.ok((peer.costs?.tally.commands['insert'] ?? 0) > 0, 'the server counted the peer’s inserts');
    assert.equal(peer.costs?.per1000Events.updateStatements, 0, 'insert-only: no update');
    assert.equal(peer.costs?.per1000Events.deleteStatements, 0, 'insert-only: no delete');
    assert.ok((peer.costs?.per1000Events.insertedDocuments ?? 0) >= 1000);
    // Ours, counted by the driver: every row inserted once; the server's own counters agree on the writes.
    assert.equal(consumer.costs?.source, 'driver');
    assert.equal(consumer.costs?.events, consumer.details['events']);
    assert.equal(consumer.costs?.tally.insertedDocuments, ROWS);
    assert.ok((consumer.costs?.per1000Events.commands ?? 0) > 0);
    for (const command of ['insert', 'update', 'delete'])
      assert.equal(
        consumer.costs?.serverCommands?.[command] ?? 0,
        consumer.costs?.tally.commands[command] ?? 0,
        `the server counted the ${command} commands the driver sent`,
      );
  });
});

/**
 * Servers that accept a connection, read what they are sent and never answer (a listening socket that stays
 * silent), put in place of MongoDB and of Kafka in turn: `consume --until-idle` must not wait for ever, but
 * end with status 1 and one line naming the stage and the server it waits on, within the stall timeout
 * (EDREFLECT_STALL_TIMEOUT_SECONDS) and well before the clients' own, longer, timeouts.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { log } from '../support/faults';
import { createWorld, type World } from '../support/world';

const STALL_SECONDS = 4;

interface Silent {
  readonly port: number;
  /** Connections accepted so far: the fault struck only if the client came. */
  readonly accepted: () => number;
  close(): Promise<void>;
}

async function silentServer(): Promise<Silent> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('data', () => undefined); // read, never answer
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  return {
    port: address.port,
    accepted: () => accepted,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('servers that accept and never answer', { timeout: 5 * 60_000 }, () => {
  let world: World;
  let silent: Silent;

  before(async () => {
    world = createWorld('silent');
    silent = await silentServer();
  });
  after(async () => {
    await silent.close();
    await world.close();
  });

  const consumeAgainst = async (extra: Record<string, string>): Promise<{ stderr: string; ms: number }> => {
    const before = silent.accepted();
    const started = Date.now();
    const run = await runCli(
      ['consume', '--until-idle'],
      world.env({ EDREFLECT_STALL_TIMEOUT_SECONDS: String(STALL_SECONDS), ...extra }),
      { timeoutMs: 60_000 },
    );
    const ms = Date.now() - started;
    log(`consume --until-idle against a silent server ended with exit ${run.code} after ${ms} ms`);
    assert.ok(silent.accepted() > before, 'the client connected to the silent server');
    assert.equal(run.code, 1, run.stderr);
    assert.ok(ms < (STALL_SECONDS + 6) * 1000, `ended within the stall bound (${ms} ms)\n${run.stderr}`);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('edreflect consume:'));
    assert.equal(lines.length, 1, `one line says why\n${run.stderr}`);
    assert.match(run.stderr, /"level":"error","msg":"stalled: no progress"/);
    return { stderr: lines[0]!, ms };
  };

  it('MongoDB: the writer names MongoDB and the call it waits on', async () => {
    const { stderr } = await consumeAgainst({
      MONGODB_URI: `mongodb://127.0.0.1:${silent.port}/?directConnection=true`,
    });
    assert.match(
      stderr,
      new RegExp(
        `^edreflect consume: STALLED: no progress for ${STALL_SECONDS} s while connecting to MongoDB: waiting on MongoDB at 127\\.0\\.0\\.1:${silent.port} \\(connect\\)`,
      ),
    );
  });

  it('Kafka: the writer names the brokers and the call it waits on', async () => {
    const { stderr } = await consumeAgainst({ KAFKA_BROKERS: `127.0.0.1:${silent.port}` });
    assert.match(
      stderr,
      new RegExp(
        `^edreflect consume: STALLED: no progress for ${STALL_SECONDS} s while starting .*: waiting on Kafka at 127\\.0\\.0\\.1:${silent.port} \\(connect the admin client\\)`,
      ),
    );
  });
});

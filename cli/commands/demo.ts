/**
 * `edreflect demo`: the whole path on the local stack with sample data. Starts the stack, puts the sample
 * org's two days on the FTP server, publishes them over FTPS, applies them to MongoDB and prints what the
 * database holds. A second run publishes nothing new: the drops are already in the ledger.
 */
import { StackError } from '../../core/errors';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { packageRoot } from '../../core/package-root';
import { withoutPassword } from '../../core/redact';
import { asFtps } from '../../producer/source/source';
import { stackEnv, stackUp } from '../../stack/stack';
import { defineCommand } from '../command';
import { EXIT } from '../exit-codes';
import { consumeCommand } from './consume';
import { produceCommand } from './produce';

const ORG = 'district-0042';
const DEMO_DB = 'edreflect_demo';
const DEMO_PREFIX = 'edreflect-demo.';
const DEMO_GROUP = 'edreflect-demo';
/** What shows the demo's data afterwards: the other commands read the default names. */
const DEMO_STATUS_COMMAND = `MONGODB_DB=${DEMO_DB} EDREFLECT_TOPIC_PREFIX=${DEMO_PREFIX} EDREFLECT_CONSUMER_GROUP=${DEMO_GROUP} npx edreflect status`;

export const demoCommand = defineCommand({
  name: 'demo',
  usage: ['demo'],
  summary:
    "Starts the local stack, copies the sample org's two days to its FTP server, publishes them over FTPS, applies them\nto MongoDB (database edreflect_demo) and prints what it holds. A second run publishes nothing new.",
  flags: {},
  settings: [],
  environment: ["the local stack's own (see edreflect stack --help)"],
  run: async ({ logger, out }) => {
    out('1. starting the local stack (Kafka, Apicurio Registry, FerretDB, ProFTPD) ...');
    const services = await stackUp({ logger });
    if (!services.every((s) => s.running))
      throw new StackError(
        `stack services down: ${services
          .filter((s) => !s.running)
          .map((s) => s.name)
          .join(', ')}`,
      );
    const env = stackEnv();
    const ftpRoot = env['EDREFLECT_FTP_ROOT']!;
    const ftp = asFtps(env['EDREFLECT_FTP_URL']!, ORG);

    out(`2. copying the sample drops of ${ORG} (two days) to the FTP server`);
    await mkdir(path.join(ftpRoot, ORG), { recursive: true });
    await cp(path.join(packageRoot(), 'samples', ORG), path.join(ftpRoot, ORG), { recursive: true });

    Object.assign(process.env, env, {
      EDREFLECT_SOURCE: ftp.href,
      EDREFLECT_ORG: ORG,
      EDREFLECT_SETTLE_SECONDS: '0',
      MONGODB_DB: DEMO_DB,
      EDREFLECT_TOPIC_PREFIX: DEMO_PREFIX,
      EDREFLECT_CONSUMER_GROUP: DEMO_GROUP,
    });
    out(`3. edreflect produce --once   (source ${ftp.protocol}//${ftp.host}${ftp.pathname}, explicit TLS)`);
    const indented = (text: string): void => text.split('\n').forEach((line) => out(`   ${line}`));
    const produced = await produceCommand.run(['--once'], logger, indented);
    out('4. edreflect consume --until-idle');
    const consumed = await consumeCommand.run(['--until-idle'], logger, indented);

    out(
      `5. what MongoDB (${withoutPassword(env['MONGODB_URI'] ?? '')}, database ${DEMO_DB}) holds for ${ORG}:`,
    );
    const mongo = new MongoClient(env['MONGODB_URI']!);
    await mongo.connect();
    try {
      const db = mongo.db(DEMO_DB);
      for (const name of ['observation_modified', 'observations', 'ratings']) {
        const docs = await db
          .collection(name)
          .find({ _org: ORG }, { projection: { _id: 0, _drop: 0 } })
          .sort({ observation_group_id: 1, _line: 1 })
          .toArray();
        out(`   ${name}: ${docs.length} document(s)`);
        for (const d of docs) out(`     ${JSON.stringify(d)}`);
      }
    } finally {
      await mongo.close();
    }
    out('   (observation 1002 changed on day 2 and lost its rating; 1001 kept its two; 1003 is new)');
    out(`6. the demo keeps to its own names; to see its sync state:`);
    out(`   ${DEMO_STATUS_COMMAND}`);
    return produced !== EXIT.ok ? produced : consumed;
  },
});

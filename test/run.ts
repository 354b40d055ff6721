/**
 * `npm test`: makes sure the real servers are there (starts the local stack unless KAFKA_BROKERS,
 * SCHEMA_REGISTRY_URL, MONGODB_URI and EDREFLECT_FTP_URL all name existing ones), then runs every
 * *.test.js file with node's test runner, one file at a time. Its exit status is the runner's.
 * The tests under test/cluster/ need three Kafka brokers: `npm run test:cluster` (this runner with
 * --cluster) brings the stack up with three (test/cluster-stack.ts) and runs only those.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../core/logger';
import { printWarningsExceptKnownHarmless } from '../core/node-warnings';
import { installDebianPackages } from '../stack/apt';
import { runCommand } from '../stack/command';
import { stackEnv, stackUp } from '../stack/stack';
import { CLUSTER_FLAG, isClusterTest, useClusterStack } from './cluster-stack';
import { CHROMIUM } from './support/chromium';

/** The test files that drive Debian's Chromium (test/support/chromium.ts). */
const BROWSER_TESTS = ['status-page.test.js'];

const REQUIRED = ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'MONGODB_URI', 'EDREFLECT_FTP_URL'];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return testFiles(full);
    return d.name.endsWith('.test.js') ? [full] : [];
  });
}

async function run(): Promise<number> {
  printWarningsExceptKnownHarmless();
  const cluster = process.argv.includes(CLUSTER_FLAG);
  const filter = process.argv.slice(2).filter((arg) => arg !== CLUSTER_FLAG);
  if (cluster) await useClusterStack();
  else if (REQUIRED.some((name) => process.env[name] === undefined || process.env[name] === '')) {
    const logger = createLogger({ level: 'warn' });
    process.stdout.write('starting the local stack for the tests (edreflect stack up) ...\n');
    const services = await stackUp({ logger });
    const down = services.filter((s) => !s.running);
    if (down.length > 0) throw new Error(`stack services down: ${down.map((s) => s.name).join(', ')}`);
    const env = stackEnv();
    for (const [k, v] of Object.entries(env))
      if (process.env[k] === undefined || process.env[k] === '') process.env[k] = v;
  }
  const files = testFiles(__dirname)
    .filter((f) => isClusterTest(f) === cluster)
    .filter((f) => filter.length === 0 || filter.some((part) => f.includes(part)))
    .sort();
  // With no file named, node --test would search the whole working folder: never let it.
  if (files.length === 0) throw new Error(`no test file matches ${filter.join(', ')}`);
  if (files.some((f) => BROWSER_TESTS.some((name) => f.endsWith(name))) && !existsSync(CHROMIUM)) {
    process.stdout.write(`installing Chromium for the browser test (apt-get install chromium) ...\n`);
    await installDebianPackages({
      packages: ['chromium'],
      purpose: 'the browser test',
      run: runCommand,
      logger: createLogger({ level: 'warn' }),
    });
  }
  const result = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    {
      stdio: 'inherit',
      env: { ...process.env, NODE_OPTIONS: withKnownWarningsFilter(process.env['NODE_OPTIONS']) },
    },
  );
  return result.status ?? 1;
}

/** Every test process (and each CLI it starts) leaves out the known-harmless warnings: support/known-warnings.ts. */
function withKnownWarningsFilter(options: string | undefined): string {
  const filter = `--require ${JSON.stringify(path.join(__dirname, 'support', 'known-warnings.js'))}`;
  return options === undefined || options === '' ? filter : `${options} ${filter}`;
}

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`test setup failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

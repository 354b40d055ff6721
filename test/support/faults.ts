/**
 * Fault injection on the local stack: stop a server, wait, start it again, and say what was done and when.
 * Fault tests need servers they may stop, so they refuse to run against deployments the stack did not start.
 */
import assert from 'node:assert/strict';
import { createLogger } from '../../core/logger';
import { stackEnv, startService, stopService, type ServiceName } from '../../stack/stack';
import { runCli, type CliResult } from './cli';

const quiet = createLogger({ level: 'error' });

export function requireLocalStack(): void {
  const env = stackEnv();
  for (const name of ['KAFKA_BROKERS', 'MONGODB_URI', 'EDREFLECT_FTP_URL'] as const) {
    if (process.env[name] !== env[name]) {
      throw new Error(
        `fault tests stop and start servers, so they need the local stack: ${name} is ${process.env[name]}, not the stack's ${env[name]}`,
      );
    }
  }
}

export function log(what: string): void {
  console.log(`[fault ${new Date().toISOString()}] ${what}`);
}

export async function outage(name: ServiceName, downMs: number): Promise<void> {
  log(`stopping ${name}`);
  await stopService(name, { logger: quiet });
  await new Promise((r) => setTimeout(r, downMs));
  log(`starting ${name} again after ${downMs} ms`);
  await startService(name, { logger: quiet });
  log(`${name} is back`);
}

/** Runs a command until it succeeds, as a scheduler would (bounded: `attempts` runs of `timeoutMs` each). */
export async function untilSuccess(
  args: string[],
  env: NodeJS.ProcessEnv,
  { attempts = 4, timeoutMs = 240_000 }: { attempts?: number; timeoutMs?: number } = {},
): Promise<CliResult> {
  let last: CliResult | undefined;
  for (let i = 1; i <= attempts; i++) {
    last = await runCli(args, env, { timeoutMs });
    log(`edreflect ${args.join(' ')}: attempt ${i} exit ${last.code}`);
    if (last.code === 0) return last;
    await new Promise((r) => setTimeout(r, 2000));
  }
  assert.fail(`edreflect ${args.join(' ')} never succeeded\n${last?.stderr}`);
}

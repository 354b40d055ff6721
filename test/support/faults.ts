/**
 * Fault injection on the local stack: stop a server, wait, start it again, and say what was done and when.
 * Fault tests need servers they may stop, so they refuse to run against deployments the stack did not start.
 */
import { createLogger } from '../../core/logger';
import { stackEnv, startService, stopService, type ServiceName } from '../../stack/stack';

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

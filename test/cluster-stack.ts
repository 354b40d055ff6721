/**
 * For `npm run test:cluster`: the tests under test/cluster/ run on the local stack with three Kafka
 * brokers. The runner brings the stack up that way (the one-broker Kafka of `npm test` is stopped; its data
 * stays for the next `npm test`) and points the tests at it, whatever the environment named before.
 */
import path from 'node:path';
import { createLogger } from '../core/logger';
import { KAFKA_BROKERS_SETTING } from '../stack/kafka-layout';
import { stackEnv, stackUp } from '../stack/stack';

export const CLUSTER_FLAG = '--cluster';

/** Whether a compiled test file lies under test/cluster/ (paths relative to the runner's folder). */
export function isClusterTest(file: string): boolean {
  return path.relative(__dirname, file).split(path.sep)[0] === 'cluster';
}

export async function useClusterStack(): Promise<void> {
  process.stdout.write(
    'starting the local stack with three Kafka brokers (edreflect stack up --brokers 3) ...\n',
  );
  process.env[KAFKA_BROKERS_SETTING] = '3';
  const services = await stackUp({ logger: createLogger({ level: 'warn' }), brokers: 3 });
  const down = services.filter((s) => !s.running);
  if (down.length > 0) throw new Error(`stack services down: ${down.map((s) => s.name).join(', ')}`);
  for (const [k, v] of Object.entries(stackEnv())) process.env[k] = v;
}

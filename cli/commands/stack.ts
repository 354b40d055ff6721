/** `edreflect stack up | down | status | env | reset`: the local stack of real servers for tests and demos. */
import {
  startService,
  stackDown,
  stackEnv,
  stackReset,
  stackStatus,
  stackUp,
  stopService,
  type ServiceName,
  type ServiceStatus,
} from '../../stack/stack';
import { requestedBrokerCount } from '../../stack/kafka-layout';
import { defineCommand } from '../command';
import { EXIT } from '../exit-codes';

const USAGE =
  'usage: edreflect stack up [--brokers 1|3] | down | status | env | reset | start <service> | stop <service>';
const SERVICES: readonly ServiceName[] = [
  'kafka',
  'kafka-2',
  'kafka-3',
  'registry',
  'postgres',
  'mongodb',
  'ftp',
];

export const stackCommand = defineCommand({
  name: 'stack',
  usage: [
    'stack up [--brokers 1|3] | down | status | env | reset',
    'stack start | stop kafka|kafka-2|kafka-3|registry|postgres|mongodb|ftp',
  ],
  summary:
    'The local stack of real servers (Kafka, Apicurio Registry, FerretDB, ProFTPD) for tests and the demo; data in\nEDREFLECT_STACK_DIR. up installs what is missing; env prints the settings that point at it.',
  flags: {},
  settings: [],
  parse: false,
  environment: [
    'EDREFLECT_STACK_DIR: data, logs and pids (default .stack/)',
    'EDREFLECT_CACHE_DIR: downloads (default ~/.cache/edreflect)',
    'EDREFLECT_STACK_KAFKA_PORT, _KAFKA_CONTROLLER_PORT, _KAFKA_SASL_PORT, _REGISTRY_PORT, _REGISTRY_MANAGEMENT_PORT,',
    '  _MONGO_PORT, _MONGO_DEBUG_PORT, _FTP_PORT, _FTP_PASSIVE_FIRST, _FTP_PASSIVE_LAST: the ports',
    'EDREFLECT_STACK_KAFKA_BROKERS: 1 (default) or 3, the Kafka brokers of up (as --brokers)',
    'EDREFLECT_STACK_KAFKA_2_PORT, _KAFKA_2_CONTROLLER_PORT, _KAFKA_2_SASL_PORT and the same with _KAFKA_3_: their ports',
    "EDREFLECT_STACK_MONGO_BACKEND: postgresql (default) or sqlite, FerretDB's storage; _POSTGRES_PORT its port",
    'EDREFLECT_STACK_REGISTRY_JAVA_HOME: a Java 21+ for the registry (default: found under /usr/lib/jvm)',
  ],
  run: async ({ positionals: argv, logger, out }) => {
    const [action, ...rest] = argv;
    if (action === 'start' || action === 'stop') {
      const name = rest[0] as ServiceName;
      if (rest.length !== 1 || !SERVICES.includes(name)) {
        out(`usage: edreflect stack ${action} ${SERVICES.join('|')}`);
        return EXIT.usage;
      }
      const status =
        action === 'start' ? await startService(name, { logger }) : await stopService(name, { logger });
      printStatus([status], out);
      return EXIT.ok;
    }
    const brokersFlag = action === 'up' ? brokersOption(rest) : { rest };
    if (brokersFlag.rest.length > 0) {
      out(USAGE);
      return EXIT.usage;
    }
    switch (action) {
      case 'up': {
        const started = Date.now();
        const brokers = requestedBrokerCount(process.env, brokersFlag.value);
        const services = await stackUp({ logger, ...(brokers === undefined ? {} : { brokers }) });
        printStatus(services, out);
        out(
          `stack up in ${((Date.now() - started) / 1000).toFixed(1)} s; eval "$(edreflect stack env)" to use it`,
        );
        return services.every((s) => s.running) ? EXIT.ok : EXIT.error;
      }
      case 'down':
        printStatus(await stackDown({ logger }), out);
        return EXIT.ok;
      case 'status': {
        const services = await stackStatus();
        printStatus(services, out);
        return services.every((s) => s.running) ? EXIT.ok : EXIT.error;
      }
      case 'env':
        for (const [k, v] of Object.entries(stackEnv())) out(`export ${k}=${shellQuote(v)}`);
        return EXIT.ok;
      case 'reset':
        await stackReset({ logger });
        out('stack stopped and its data wiped (downloads kept)');
        return EXIT.ok;
      default:
        out(USAGE);
        return EXIT.usage;
    }
  },
});

/** `--brokers N` or `--brokers=N` taken out of the arguments of `up`. */
function brokersOption(args: readonly string[]): { value?: string; rest: string[] } {
  const rest = [...args];
  const at = rest.findIndex((a) => a === '--brokers' || a.startsWith('--brokers='));
  if (at < 0) return { rest };
  const arg = rest[at] ?? '';
  if (arg.includes('=')) {
    rest.splice(at, 1);
    return { value: arg.slice(arg.indexOf('=') + 1), rest };
  }
  const value = rest[at + 1];
  if (value === undefined) return { rest: [arg] };
  rest.splice(at, 2);
  return { value, rest };
}

function printStatus(services: readonly ServiceStatus[], out: (line: string) => void): void {
  for (const s of services) {
    const state = s.running ? 'up' : 'down';
    out(
      `${s.name.padEnd(9)} ${state.padEnd(5)} port ${String(s.port).padEnd(6)} pid ${s.pid ?? '-'}${s.detail === undefined ? '' : `  ${s.detail}`}`,
    );
  }
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@,=+-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

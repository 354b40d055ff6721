/**
 * Converter: a Kafka message to a connector event, decoded through the registry and checked.
 *
 * What is the event's fault (dead-lettered as EVENT_INVALID): a missing or unknown `edreflect.op` header,
 * no value, bytes that are not the Confluent wire format (wrong magic byte), a schema id the registry does
 * not know (404), a payload Avro cannot read with its schema (truncated, trailing bytes), a record without
 * a valid `_source`. What is not (thrown, so the batch is retried): the registry unreachable or failing
 * (any other HTTP status; the registry client reports a refused connection as status 400).
 */
import type { KafkaMessage } from 'kafkajs';
import type { ConnectorError } from '../../core/errors';
import { errorMessage, InputError, ServerError } from '../../core/errors';
import {
  HEADER,
  SOURCE_FIELD,
  type CellValue,
  type ConnectorEvent,
  type EventOrigin,
} from '../../core/events/contract';
import type { AvroCodec } from '../../core/registry/codec';
import { asFileName } from '../../core/types';

const invalid = (why: string): ConnectorError => new InputError('EVENT_INVALID', why);

export async function decodeEvent(codec: AvroCodec, message: KafkaMessage): Promise<ConnectorEvent> {
  const op = message.headers?.[HEADER.op]?.toString();
  if (op !== 'row' && op !== 'drop' && op !== 'close') {
    throw invalid(
      `header ${HEADER.op} is ${op === undefined ? 'missing' : `"${op}"`}; expected row, drop or close`,
    );
  }
  if (message.value === null) throw invalid('the event has no value');
  let decoded: unknown;
  try {
    decoded = await codec.decode(message.value);
  } catch (err) {
    if (registryUnavailable(err)) {
      throw new ServerError('SCHEMA_REGISTRY', `cannot reach the schema registry: ${errorMessage(err)}`, {
        retriable: true,
        cause: err,
      });
    }
    throw new InputError('EVENT_INVALID', `cannot decode the event: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  if (typeof decoded !== 'object' || decoded === null) throw invalid('the event is not a record');
  const { [SOURCE_FIELD]: rawSource, ...rest } = decoded as Record<string, unknown>;
  const source = checkSource(rawSource);
  if (op === 'drop') {
    const { list, column, value } = rest;
    if (typeof list !== 'string' || typeof column !== 'string' || typeof value !== 'string')
      throw invalid('a drop event needs list, column and value');
    return { op, source, list: asFileName(list), column, value };
  }
  if (op === 'close') {
    const { list, employee, date, keep } = rest;
    const pairs =
      Array.isArray(keep) &&
      keep.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'string'));
    if (typeof list !== 'string' || typeof employee !== 'string' || typeof date !== 'string' || !pairs) {
      throw invalid('a close event needs list, employee, date and keep pairs');
    }
    return { op, source, list: asFileName(list), employee, date, keep: keep as [string, string][] };
  }
  return { op, source, values: rest as Record<string, CellValue> };
}

function checkSource(value: unknown): EventOrigin {
  const s = value as Record<string, unknown> | null | undefined;
  if (
    typeof s !== 'object' ||
    s === null ||
    typeof s['org'] !== 'string' ||
    typeof s['drop'] !== 'string' ||
    typeof s['day'] !== 'string' ||
    typeof s['file'] !== 'string' ||
    typeof s['line'] !== 'number'
  ) {
    throw invalid(`the event has no valid ${SOURCE_FIELD} record`);
  }
  return s as unknown as EventOrigin;
}

/** The registry client answered with an HTTP status other than 404 (unknown schema id): an outage, not a bad event. */
function registryUnavailable(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  const code = (err as { code?: unknown } | null)?.code;
  return (
    (typeof status === 'number' && status !== 404) || (typeof code === 'string' && /^E[A-Z]+$/.test(code))
  );
}

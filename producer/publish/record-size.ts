/**
 * At most how many bytes one message takes in a Kafka record batch (record format v2): its length,
 * attributes, timestamp and offset deltas, key, value and headers, each varint counted at its largest.
 * Requests are sized with it, so that no partition's record batch can pass the broker's limit.
 */
import type { IHeaders, Message } from 'kafkajs';

const VARINT = 5;
const VARLONG = 10;
/** Length, attributes, timestamp delta, offset delta, key and value lengths, header count. */
const FRAMING = VARINT + 1 + VARLONG + VARINT + VARINT + VARINT + VARINT;

export function recordBytesAtMost(message: Message): number {
  return FRAMING + bytesOf(message.key) + bytesOf(message.value) + headerBytes(message.headers);
}

function headerBytes(headers: IHeaders | undefined): number {
  let size = 0;
  for (const [key, value] of Object.entries(headers ?? {})) {
    for (const one of Array.isArray(value) ? value : [value])
      size += VARINT + Buffer.byteLength(key) + VARINT + bytesOf(one);
  }
  return size;
}

function bytesOf(part: Buffer | string | null | undefined): number {
  if (part === null || part === undefined) return 0;
  return typeof part === 'string' ? Buffer.byteLength(part) : part.length;
}

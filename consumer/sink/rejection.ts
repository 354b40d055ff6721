/**
 * Which write errors are the document's fault (dead-letter it, go on) and which are the server's (throw,
 * so the chunk is applied again from the last commit). Only codes that say the content itself is refused
 * count as the document's fault; anything else (a write conflict, a shutdown, an unknown code) is retried
 * rather than losing a good event.
 */
const CONTENT_CODES = new Set([
  2, // BadValue: FerretDB refuses infinite numbers and nested arrays with it
  9, // FailedToParse
  14, // TypeMismatch
  28, // PathNotViable
  52, // DollarPrefixedFieldName
  55, // InvalidDBRef
  56, // EmptyFieldName
  57, // DottedFieldName
  66, // ImmutableField
  10334, // BSONObjectTooLarge
  11000, // DuplicateKey
  11001, // DuplicateKey (legacy)
  17280, // KeyTooLong
  17419, // document too large after an update
]);

export function isContentRejection(code: number | undefined): boolean {
  return code !== undefined && CONTENT_CODES.has(code);
}

export function rejectionReason(code: number | undefined, message: string | undefined): string {
  return `MongoDB rejected the write (code ${code}): ${message ?? 'no message'}`;
}

/** A write MongoDB refused for its content: the position of its event in the chunk, and why. */
export interface Rejected {
  readonly index: number;
  readonly reason: string;
}

/**
 * An error of the row worker, as it crosses to the main thread (structured clone keeps no class): a file's
 * own error comes back as the FileError it was, any other connector error with its code and retriable flag.
 */
import { ConnectorError, errorMessage, FileError, InternalError, type ErrorCode } from '../../core/errors';

export interface WireError {
  readonly message: string;
  readonly code?: ErrorCode;
  readonly retriable?: boolean;
  readonly file?: string;
}

export function toWire(err: unknown): WireError {
  if (err instanceof FileError) return { message: err.message, code: err.code, file: err.file };
  if (err instanceof ConnectorError)
    return { message: err.message, code: err.code, retriable: err.retriable };
  return { message: errorMessage(err) };
}

export function fromWire(wire: WireError): Error {
  if (wire.file !== undefined && wire.code === 'CSV_FILE_INVALID') {
    const prefix = `${wire.file}: `;
    return new FileError(
      wire.file,
      wire.message.startsWith(prefix) ? wire.message.slice(prefix.length) : wire.message,
    );
  }
  if (wire.code !== undefined)
    return new ConnectorError(
      wire.code,
      wire.message,
      wire.retriable === undefined ? {} : { retriable: wire.retriable },
    );
  return new InternalError(`the row worker failed: ${wire.message}`);
}

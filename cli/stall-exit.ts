/**
 * A one-shot command that stalled: its clients may be stuck in the call that stalled, and closing them
 * could wait as long again. The usual one line goes to stderr now and the process ends with status 1 a
 * moment later, whatever the clean-up still waits for (the clean-up that does finish ends it sooner).
 */
import { errorMessage, type ConnectorError } from '../core/errors';
import { redact } from '../core/redact';
import { EXIT } from './exit-codes';

const GRACE_MS = 2000;

export function exitAfterStall(err: ConnectorError, command: string): void {
  process.stderr.write(redact(`edreflect ${command}: ${err.code}: ${errorMessage(err)}`) + '\n');
  setTimeout(() => process.exit(EXIT.error), GRACE_MS).unref();
  // Printed here: the error that still goes up to main is not printed twice.
  (err as { printed?: boolean }).printed = true;
}

/**
 * A child file is read once, before any of its purge events is published: it must open, its header must
 * hold the drop column and the registry must take its schema, or the file cannot be applied and must drop
 * nothing. While it is read its rows wait encoded in the spool folder (rows/hold.ts), and the parent id of
 * every row whose drop cell can be read is collected: a child row in today's export means its parent
 * changed today, whether or not the change list says so. The waiting rows are published after the purges.
 */
import path from 'node:path';
import { errorMessage, InternalError } from '../../core/errors';
import type { ChildEntry } from '../../core/catalog/types';
import type { DropPhaseContext } from './phase-context';
import { isFileLevel, startRows, type StartedRows } from './rows-phase';

export type ChildCheck =
  | {
      readonly ok: true;
      /** The file's rows, ready to publish once the purges are out. */
      readonly rows: StartedRows;
      /** Parent id -> the first line of the file that carries it, in file order. */
      readonly parents: ReadonlyMap<string, number>;
    }
  | { readonly ok: false; readonly reason: string };

export async function checkChildFile(
  entry: ChildEntry,
  ctx: DropPhaseContext,
  localPath: string,
): Promise<ChildCheck> {
  let rows: StartedRows | undefined;
  try {
    rows = await startRows(entry, ctx, localPath, {
      wantValues: false,
      hold: {
        column: entry.purge.column,
        spoolPath: path.join(ctx.spoolFolder, `.rows-${path.basename(localPath)}`),
      },
    });
  } catch (err) {
    if (!isFileLevel(err)) throw err;
    return { ok: false, reason: stripFile(entry.file, errorMessage(err)) };
  }
  if (rows === undefined)
    return {
      ok: false,
      reason: 'no header (an empty or truncated file): no row of this file can be applied',
    };
  const first = await rows.items.next();
  if (first.done === true || first.value.kind !== 'parents') {
    await rows.items.return(undefined);
    throw new InternalError(`internal: the rows of ${entry.file} came without their parents`);
  }
  return { ok: true, rows, parents: first.value.parents };
}

/** Gives up a check's rows (its file was not applied, or the drop failed): closes the read, removes its spool. */
export async function discardCheck(check: Promise<ChildCheck> | ChildCheck | undefined): Promise<void> {
  const result = await Promise.resolve(check).catch(() => undefined);
  if (result?.ok === true) await result.rows.items.return(undefined);
}

/** FileError messages begin with the file's name; the report already names it. */
function stripFile(file: string, message: string): string {
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}

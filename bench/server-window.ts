/** FerretDB's command counters read around a piece of a stage, for a cross-check of the driver's count. */
import { commandsBetween, readServerCommands, type CommandCounts } from './server-commands';
import type { StageContext } from './stage';

/** Runs `work`; `commands` is what the server counted meanwhile, or undefined when its counters are not there. */
export async function serverCommandsAround<T>(
  ctx: StageContext,
  work: () => Promise<T>,
): Promise<{ result: T; commands: CommandCounts | undefined }> {
  const before = await readServerCommands(ctx.servers.mongoDebugUrl).catch(() => undefined);
  const result = await work();
  const after =
    before === undefined
      ? undefined
      : await readServerCommands(ctx.servers.mongoDebugUrl).catch(() => undefined);
  return {
    result,
    commands: before === undefined || after === undefined ? undefined : commandsBetween(before, after),
  };
}

/** The download cache: each pinned version in its own folder, filled in a scratch folder and then renamed. */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../core/logger';

/**
 * Runs `build` into a scratch folder next to `dir` and renames it to `dir` when it succeeds, so an
 * interrupted install never looks complete. Does nothing when `dir` already exists.
 */
export async function installOnce(
  dir: string,
  { logger, what, build }: { logger: Logger; what: string; build: (scratch: string) => Promise<void> },
): Promise<void> {
  if (existsSync(dir)) return;
  const scratch = `${dir}.partial-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const started = Date.now();
  logger.info('stack: installing into the download cache', { what, dir });
  try {
    await build(scratch);
    mkdirSync(path.dirname(dir), { recursive: true });
    if (existsSync(dir)) return; // another process finished the same install first
    renameSync(scratch, dir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  logger.info('stack: installed', { what, seconds: Math.round((Date.now() - started) / 100) / 10 });
}

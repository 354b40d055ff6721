import { existsSync } from 'node:fs';
import path from 'node:path';
import { InternalError } from './errors';

/** The folder that holds the connector's package.json (sources run from it, compiled code from dist/ below it). */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'schemas'))) return dir;
    if (path.dirname(dir) === dir)
      throw new InternalError(`no package.json with a schemas/ folder above ${from}`);
  }
}

/**
 * The set-up most integration tests share: a world (its own org, topics, group and database) whose source is
 * a local per-day org folder. Made when the describe block is defined; after the block the world is closed
 * and the folder removed.
 */
import { rmSync } from 'node:fs';
import { after } from 'node:test';
import { localOrgFolder, type LocalOrgFolder } from './drops';
import { createWorld, type World } from './world';

export interface LocalOrgWorld {
  readonly world: World;
  readonly folder: LocalOrgFolder;
  /** The CLI's environment: the world's names, EDREFLECT_SOURCE the folder. */
  readonly env: NodeJS.ProcessEnv;
}

export function localOrgWorld(label: string): LocalOrgWorld {
  const world = createWorld(label);
  const folder = localOrgFolder();
  const env = world.env({ EDREFLECT_SOURCE: folder.url });
  after(async () => {
    await world.close();
    rmSync(folder.root, { recursive: true, force: true });
  });
  return { world, folder, env };
}

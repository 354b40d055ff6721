/**
 * CLI processes started with their observability endpoint (EDREFLECT_METRICS_PORT) on a free port, each in
 * a world made by world(); stopAll() kills them and closes the worlds.
 */
import { startCli, type RunningCli } from './cli';
import { freePort } from './ports';
import { createWorld, type World } from './world';

export interface ObservedCli {
  readonly cli: RunningCli;
  /** Where /metrics and /health answer. */
  readonly url: string;
}

export function observedProcesses(): {
  world(label: string): World;
  start(args: string[], world: World, extra?: Record<string, string>): Promise<ObservedCli>;
  stopAll(): Promise<void>;
} {
  const worlds = new Set<World>();
  const running: RunningCli[] = [];
  return {
    world(label) {
      const world = createWorld(label);
      worlds.add(world);
      return world;
    },
    async start(args, world, extra = {}) {
      const port = await freePort();
      const cli = startCli(
        args,
        world.env({ EDREFLECT_METRICS_PORT: String(port), EDREFLECT_LOG_LEVEL: 'info', ...extra }),
      );
      running.push(cli);
      await cli.waitFor(/observability endpoint listening/);
      return { cli, url: `http://127.0.0.1:${port}` };
    },
    async stopAll() {
      for (const r of running) r.child.kill('SIGKILL');
      await Promise.all(running.map((r) => r.done));
      await Promise.all([...worlds].map((w) => w.close()));
    },
  };
}

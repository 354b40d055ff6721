/** Every way the CLI starts runs it with the same V8 flags (core/node-flags.ts). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CLI_NODE_FLAGS } from '../../core/node-flags';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.resolve(__dirname, '..', '..', 'cli', 'main.js');
const FLAGS = CLI_NODE_FLAGS.join(' ');

describe('CLI node flags', () => {
  it('are in the shebang of the compiled CLI, which runs as the package bin does', () => {
    assert.equal(readFileSync(MAIN, 'utf8').split('\n')[0], `#!/usr/bin/env -S node ${FLAGS}`);
    const run = spawnSync(MAIN, ['--help'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^edreflect: applies EdReflect daily CSV exports/);
  });

  it('are in the Dockerfile entry point and the npm scripts that run the CLI', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /^ENTRYPOINT (.*)$/m);
    const entry = JSON.parse(/^ENTRYPOINT (.*)$/m.exec(dockerfile)![1]!) as string[];
    assert.deepEqual(entry, ['node', ...CLI_NODE_FLAGS, 'dist/cli/main.js']);
    const scripts = (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    const running = Object.entries(scripts).filter(([, s]) => /^node .*dist\/cli\/main\.js/.test(s));
    assert.ok(running.length >= 2, 'demo and edreflect at least');
    for (const [name, script] of running)
      assert.ok(script.startsWith(`node ${FLAGS} dist/cli/main.js`), `npm run ${name}: ${script}`);
  });
});

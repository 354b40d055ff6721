import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

describe('printWarningsExceptKnownHarmless', () => {
  it("leaves out kafkajs' negative timeout and prints every other warning as Node does", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edreflect-test-'));
    // A file where kafkajs' request queue lives, doing what it does at connect: a negative setTimeout.
    const queue = path.join(dir, 'node_modules', 'kafkajs', 'src', 'network', 'requestQueue');
    mkdirSync(queue, { recursive: true });
    writeFileSync(
      path.join(queue, 'index.js'),
      'module.exports = () => setTimeout(() => {}, -1 - Date.now());\n',
    );
    const install = `require(${JSON.stringify(path.join(__dirname, '..', '..', 'core', 'node-warnings.js'))}).printWarningsExceptKnownHarmless();`;
    const run = (body: string): string => {
      const child = spawnSync(process.execPath, ['-e', `${install}\n${body}`], { encoding: 'utf8' });
      assert.equal(child.status, 0, child.stderr);
      return child.stderr;
    };
    // Node (23 and newer) warns once per process about a negative delay, so each case has its own process.
    const nodeWarnsOnNegative = Number(process.versions.node.split('.')[0]) >= 23;
    assert.doesNotMatch(run(`require(${JSON.stringify(queue)})();`), /TimeoutNegativeWarning/);
    const elsewhere = run('setTimeout(() => {}, -5);');
    assert.equal(
      /TimeoutNegativeWarning: -5 is a negative number/.test(elsewhere),
      nodeWarnsOnNegative,
      elsewhere,
    );
    const other = run(
      "process.emitWarning('something a person should see', { type: 'OtherWarning', code: 'X1' });",
    );
    assert.match(other, /^\(node:\d+\) \[X1\] OtherWarning: something a person should see$/m);
  });
});

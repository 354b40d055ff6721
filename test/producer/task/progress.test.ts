import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../../core/logger';
import { createProgress } from '../../../producer/task/progress';

describe('createProgress', () => {
  it('draws files, rows and rows per second on a terminal, and ends with a full line', () => {
    let written = '';
    const stream = {
      isTTY: true,
      write: (s: string) => ((written += s), true),
    } as unknown as NodeJS.WriteStream;
    let clock = 0;
    const progress = createProgress({
      totalFiles: 3,
      logger: createLogger({ level: 'error' }),
      stream,
      now: () => clock,
    });
    progress.file('Observation_Modified.csv');
    progress.row();
    progress.file('Ratings.csv');
    for (let i = 0; i < 1999; i++) progress.row();
    clock = 2000;
    progress.finish();
    assert.equal(written, '\r\x1b[Kfiles 2/3  rows 2,000  1,000 rows/s  \n');
  });

  it('writes nothing to a stream that is not a terminal', () => {
    let written = '';
    const stream = {
      isTTY: false,
      write: (s: string) => ((written += s), true),
    } as unknown as NodeJS.WriteStream;
    const progress = createProgress({ totalFiles: 1, logger: createLogger({ level: 'error' }), stream });
    progress.file('Ratings.csv');
    progress.row();
    progress.finish();
    assert.equal(written, '');
  });
});

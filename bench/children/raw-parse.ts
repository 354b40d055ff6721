/** Raw baseline: stream-parse the drop's files with csv-parse (`columns: true`) and discard the records. */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { runChild, taskArgument } from './child-io';

export interface RawParseTask {
  readonly files: readonly string[];
}

runChild(async () => {
  const { files } = taskArgument<RawParseTask>();
  let rows = 0;
  for (const file of files) {
    for await (const record of createReadStream(file).pipe(parse({ columns: true }))) {
      if (record !== undefined) rows += 1;
    }
  }
  return { rows };
});

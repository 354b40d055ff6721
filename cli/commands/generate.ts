/**
 * `edreflect generate --out DIR --days N --orgs a,b [--seed S] [--rows R] [--start YYYY-MM-DD]`: writes a
 * vendor-like export folder per org (per-day layout, legacy-id maps under export/all), reproducible from
 * the seed, for tests, demos and load runs.
 */
import { generate } from '../../simulator/generate';
import { parseGenerateArgs } from '../../simulator/options';
import { defineCommand } from '../command';
import { EXIT } from '../exit-codes';

export const generateCommand = defineCommand({
  name: 'generate',
  usage: [
    'generate --out DIR --days N --orgs a,b [--seed S] [--rows R] [--start YYYY-MM-DD] [--doubtful] [--late-day N] [--defects] [--legacy]',
  ],
  summary:
    'Writes simulated vendor exports, one folder per org with a sub-folder per day (legacy-id maps under export/all),\nreproducible from the seed.',
  flags: {
    out: {
      type: 'string',
      value: 'DIR',
      description: 'the folder that receives one sub-folder per org (required)',
    },
    days: { type: 'string', value: 'N', description: 'days to write (required)' },
    orgs: { type: 'string', value: 'a,b', description: 'org ids, comma-separated (required)' },
    seed: { type: 'string', value: 'S', default: '1', description: 'random seed' },
    rows: {
      type: 'string',
      value: 'R',
      default: '1000',
      description: 'about the rows of a day of the biggest files',
    },
    start: { type: 'string', value: 'YYYY-MM-DD', default: '2020-08-11', description: 'the first day' },
    doubtful: {
      type: 'boolean',
      description:
        'doubtful input: a repeated User_Modified id (day 2), invalid UTF-8 in an Observation_Modified date (day 3), a 0-byte User_Affiliations.csv (day 4); an unknown Slos status is always on day 2',
    },
    legacy: {
      type: 'boolean',
      description:
        'also write a full export from before August 2020 (old ids of the maps, some unmapped) under DIR/_legacy/<org>/, for legacy import',
    },
    'late-day': {
      type: 'string',
      value: 'N',
      description:
        'write day N apart, under DIR/_late/<org>/, to publish after the later days (a late day folder)',
    },
    defects: {
      type: 'boolean',
      description:
        'known data-quality defects on day 2, for check-data: 5 orphan child rows (Ratings.csv, Slo_Assessments.csv), 2 unknown Slos statuses, a key repeated in Goals.csv and in Snapshots.csv',
    },
  },
  settings: [],
  parse: false,
  run: async ({ positionals: argv, logger, out }) => {
    const options = parseGenerateArgs(argv);
    const started = Date.now();
    logger.debug('generating', { ...options });
    const summary = await generate(options);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    out(
      `generated ${options.orgs.length} org(s) × ${options.days} day(s) (${summary.days[0]} to ${summary.days.at(-1)}) in ${options.out}: ` +
        `${summary.files} files, ${summary.rows} rows, ${summary.bytes} bytes in ${seconds} s (seed ${options.seed}, rows ${options.rows})`,
    );
    return EXIT.ok;
  },
});

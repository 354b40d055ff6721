/**
 * The producer under the progress watchdog (core/progress/watchdog.ts). A run says which stage it is in
 * (listing, spooling, publishing a file, committing), every call to a server goes through `track` (so a
 * stall names the server and the call it waits on), and work that moved (rows read, a file downloaded, a
 * batch or a schema accepted) restarts the clock. The wrappers below put the source, the registry and
 * the codec under it without the code that uses them knowing.
 */
import type { Watchdog } from '../../core/progress/watchdog';
import type { AvroCodec } from '../../core/registry/codec';
import type { RegistryHttp } from '../../core/registry/http';
import type { ExportFolder } from '../source/source';
import type { Progress } from '../task/progress';

export interface ProduceWatch {
  /** The run is at this stage (its clock keeps running from the start of the run or the last progress). */
  stage(what: string): void;
  /** A call to `server`; a success is progress, a failure is quoted if the run stalls. */
  track<T>(server: string, call: string, promise: Promise<T>): Promise<T>;
  progress(): void;
  /** The run ended (done or failed): no clock until the next one. */
  done(): void;
}

export const NO_WATCH: ProduceWatch = {
  stage: () => undefined,
  track: (_server, _call, promise) => promise,
  progress: () => undefined,
  done: () => undefined,
};

/** Rows read between two progress reports (a report costs a map update; a row, much less). */
const ROWS_PER_PROGRESS = 1000;

const KEY = 'produce';

export function produceWatch(watchdog: Watchdog): ProduceWatch {
  return {
    stage: (what) => watchdog.busy(KEY, what),
    async track(server, call, promise) {
      try {
        const value = await watchdog.track(server, call, promise);
        watchdog.progress(KEY);
        return value;
      } catch (err) {
        watchdog.failed(err);
        throw err;
      }
    },
    progress: () => watchdog.progress(KEY),
    done: () => watchdog.idle(KEY),
  };
}

/** The org folder's calls, named after the folder (its URL without the password). */
export function watchedSource(source: ExportFolder, watch: ProduceWatch): ExportFolder {
  return {
    describe: source.describe,
    listFiles: () => watch.track(source.describe, 'list the files', source.listFiles()),
    download: (path, localFile) =>
      watch.track(source.describe, `download ${path}`, source.download(path, localFile)),
    close: () => source.close(),
  };
}

export function watchedRegistryHttp(http: RegistryHttp, server: string, watch: ProduceWatch): RegistryHttp {
  return {
    register: (subject, schema) =>
      watch.track(server, `register under ${subject}`, http.register(subject, schema)),
    compatibility: (subject) =>
      watch.track(server, `read the compatibility of ${subject}`, http.compatibility(subject)),
    setCompatibility: (subject, level) =>
      watch.track(server, `set the compatibility of ${subject}`, http.setCompatibility(subject, level)),
    subjects: () => watch.track(server, 'list the subjects', http.subjects()),
  };
}

/**
 * The codec fetches a schema from the registry the first time it encodes with its id, then works from its
 * cache: only that first call per id is tracked, so rows are not slowed down.
 */
export function watchedCodec(codec: AvroCodec, server: string, watch: ProduceWatch): AvroCodec {
  const known = new Set<number>();
  return {
    encode: (schemaId, value) => {
      if (known.has(schemaId)) return codec.encode(schemaId, value);
      return watch
        .track(server, `fetch schema ${schemaId}`, codec.encode(schemaId, value))
        .then((encoded) => {
          known.add(schemaId);
          return encoded;
        });
    },
    decode: (buffer) => codec.decode(buffer),
  };
}

/** Rows read and files started are progress; the stage names the file being published. */
export function watchedProgress(progress: Progress, watch: ProduceWatch, drop: string): Progress {
  let rows = 0;
  return {
    file(name) {
      progress.file(name);
      watch.stage(`publishing drop ${drop}: ${name}`);
      watch.progress();
    },
    row() {
      progress.row();
      rows += 1;
      if (rows % ROWS_PER_PROGRESS === 0) watch.progress();
    },
    finish: () => progress.finish(),
  };
}

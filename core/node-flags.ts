/**
 * The V8 flags every `edreflect` process runs with. They are written out where a process starts: the
 * shebang of cli/main.ts (what `npx edreflect` and the package's `bin` run), the Dockerfile's ENTRYPOINT
 * and the npm scripts; the bench and the tests start the CLI with this list, and a test checks that those
 * places say the same.
 *
 * `--max-semi-space-size=8` (MB; Node 20 grows it to 16): the producer allocates fast and briefly (parsed
 * rows, encoded events, request buffers), and with the larger young generation its peak RSS was 301 to
 * 309 MB on a 1,000,000-row drop; with 8 it was 263 MB, for about 9 % more CPU (BENCHMARKS.md, memory).
 */
export const CLI_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

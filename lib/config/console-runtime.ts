/**
 * How the console's own Node.js process runs, wherever it runs: the Dockerfile (ENV, checked against this by
 * lib/config/console-runtime.test.ts), `npm start`, and the consoles the proofs, benchmarks and browser tests start.
 *
 * - `--max-semi-space-size=8` (MB): V8's young generation at half its default size (16 MB a semi-space on 64-bit).
 *   A page render makes a few MB of short-lived objects; with the default, more of them survive into the old
 *   generation between scavenges, which then grows until a full collection. Measured with `npm run bench -- console`
 *   (bench/README.md): peak resident memory with 50 viewers on the run page about 480 MB before, 380 to 410 after,
 *   with the same page times.
 * - `MALLOC_ARENA_MAX=2`: glibc keeps one malloc arena per thread that ever allocated (libuv's pool, V8's workers,
 *   zlib) and rarely gives their free memory back; two arenas hold what a 2-core pod needs (about 30 MB less).
 */
export const CONSOLE_NODE_OPTIONS = ["--max-semi-space-size=8"] as const;
export const CONSOLE_MALLOC_ARENA_MAX = "2";

/** The environment for a console process: these settings, after whatever NODE_OPTIONS the caller already has. */
export function consoleRuntimeEnv(existingNodeOptions: string | undefined = process.env.NODE_OPTIONS): { NODE_OPTIONS: string; MALLOC_ARENA_MAX: string } {
  const own = CONSOLE_NODE_OPTIONS.filter((flag) => !(existingNodeOptions ?? "").split(/\s+/).some((f) => f.split("=")[0] === flag.split("=")[0]));
  return { NODE_OPTIONS: [existingNodeOptions, ...own].filter(Boolean).join(" "), MALLOC_ARENA_MAX: CONSOLE_MALLOC_ARENA_MAX };
}

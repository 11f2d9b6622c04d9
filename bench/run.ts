/**
 * `npm run bench [-- name ...]`: the figures of issue 9, one JSON line each, then a table. The production build is
 * made first when the sources changed (its output on standard error); logs of the in-process parts go to the error
 * level unless LOG_LEVEL says otherwise, so that standard output is the figures.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

process.env.LOG_LEVEL ??= "error";
const built = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "support", "build-production.ts")], { stdio: ["ignore", 2, 2] });
if (built.status !== 0) process.exit(built.status ?? 1);

const { runBenchmarks } = await import("./harness");
const { benchmarks } = await import("./benchmarks");

runBenchmarks(benchmarks, process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

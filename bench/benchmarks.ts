import { consoleBenchmark } from "./console";
import { drillBenchmark } from "./drill";
import type { Benchmark } from "./harness";
import { stepOverheadBenchmark } from "./step-overhead";

/** Every benchmark `npm run bench` runs, in order (`npm run bench -- <name> ...` runs only those). */
export const benchmarks: Benchmark[] = [stepOverheadBenchmark, consoleBenchmark, drillBenchmark];

import type { Benchmark } from "./harness";

/** Every benchmark `npm run bench` runs, in order. Later work registers its benchmarks here. */
export const benchmarks: Benchmark[] = [];

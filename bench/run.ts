import { runBenchmarks } from "./harness";
import { benchmarks } from "./benchmarks";

runBenchmarks(benchmarks, process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

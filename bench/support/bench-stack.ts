import { ensureProductionBuild } from "../../test/proofs/support/production-build";
import { startProofStack, type ProofStack } from "../../test/proofs/support/proof-stack";
import { createBenchDatabase, type BenchDatabase } from "./bench-database";

export interface BenchStack extends ProofStack {
  database: BenchDatabase;
}

/**
 * What the console benchmarks measure: the production build (built when the sources changed), a fresh database, the
 * sandbox (every stand-in, no added latency) and one console process (the standalone server) on a free port.
 */
export async function startBenchStack(name: string): Promise<BenchStack> {
  await ensureProductionBuild({ log: (m) => console.error(m) });
  const database = await createBenchDatabase(name);
  try {
    const stack = await startProofStack({ databaseUrl: database.url, adminUrl: database.adminUrl });
    return {
      ...stack,
      database,
      stop: async () => {
        await stack.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

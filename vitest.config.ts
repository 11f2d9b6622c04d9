import { defineConfig } from "vitest/config";
import path from "node:path";
// With its extension: Vite loads this file natively, without a resolver for extensionless imports.
import { env } from "./lib/config/env.ts";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "sandbox/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          // next-auth's ESM imports "next/server" without an extension (fine in Next's bundler, not in plain Node):
          // let Vite resolve it (the permission matrix imports the Auth.js route).
          server: { deps: { inline: ["next-auth"] } },
          include: ["**/*.integration.test.ts"],
          exclude: ["**/node_modules/**", ".next/**"],
          globalSetup: ["test/integration-global-setup.ts"],
          setupFiles: ["test/integration-file-setup.ts"],
          // Each file gets its own database; files run in separate processes.
          pool: "forks",
          testTimeout: 60_000,
          // TEST_RETRIES (lib/config/env.ts): .ci/run allows one retry; npm test names every test that needed it.
          retry: env().TEST_RETRIES,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});

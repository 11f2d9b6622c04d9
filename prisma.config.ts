import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

/**
 * Configuration of the Prisma CLI (`prisma generate`, `prisma migrate ...`). The app itself does not read it:
 * at run time lib/db.ts connects through @prisma/adapter-pg.
 *
 * This file is the one exception to "only lib/config reads process.env": the Prisma CLI loads it on its own,
 * outside the app, so it reads DATABASE_URL itself, and it sets PRISMA_SCHEMA_ENGINE_BINARY for the CLI.
 */

const root = path.dirname(fileURLToPath(import.meta.url));

/** Our stand-in for the schema engine: the same engine compiled to wasm (see the file's header). */
const WASM_SCHEMA_ENGINE = path.join(root, "prisma", "engine", "schema-engine-wasm.mjs");

/**
 * Whether Prisma's own native schema engine is installed, looking where the CLI looks for it (`schema-engine-<binary
 * target>` in @prisma/engines, which is where @prisma/engines' postinstall downloads it, then next to the prisma
 * package, in node_modules, and in prisma/runtime).
 */
async function nativeSchemaEngineInstalled(): Promise<boolean> {
  try {
    const prismaDir = path.dirname(createRequire(path.join(root, "package.json")).resolve("prisma/package.json"));
    const requireFromPrisma = createRequire(path.join(prismaDir, "package.json"));
    const enginesDir = path.dirname(requireFromPrisma.resolve("@prisma/engines/package.json"));
    const { getBinaryTargetForCurrentPlatform } = createRequire(path.join(enginesDir, "package.json"))(
      "@prisma/get-platform",
    ) as { getBinaryTargetForCurrentPlatform(): Promise<string> };
    const target = await getBinaryTargetForCurrentPlatform();
    const file = `schema-engine-${target}${target === "windows" ? ".exe" : ""}`;
    const places = [enginesDir, prismaDir, path.dirname(prismaDir), path.join(prismaDir, "runtime")];
    return places.some((dir) => existsSync(path.join(dir, file)));
  } catch {
    return false; // an unexpected layout: the wasm engine works everywhere, use it
  }
}

// Engine choice: an engine the user chose wins; else Prisma's native engine where it was downloaded (a machine with
// open internet); else the wasm engine (machines that reach only the npm registry, where the download fails).
const engineChosen = process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.env.PRISMA_MIGRATION_ENGINE_BINARY;
if (!engineChosen && !(await nativeSchemaEngineInstalled())) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = WASM_SCHEMA_ENGINE;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Not required by `prisma generate`, so no error here when it is unset (the migrate commands say it is missing).
  datasource: { url: process.env.DATABASE_URL },
});

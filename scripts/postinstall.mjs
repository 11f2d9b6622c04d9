// Runs after `npm install` / `npm ci` (package.json "postinstall").
//
// 1. Try to download Prisma's native schema engine, as @prisma/engines' own postinstall would: npm 11 does not run
//    dependencies' install scripts unless approved, and we leave that one unapproved because on the project's
//    machines (npm registry only) the download cannot succeed. Where it can (open internet), the native engine is
//    used; elsewhere prisma.config.ts falls back to prisma/engine/schema-engine-wasm.mjs. Short timeout, silent on
//    failure: the install never fails because of the download.
// 2. `prisma generate`: the client in lib/generated/prisma (git-ignored) that lib/db.ts imports.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const requireFromRoot = createRequire(path.join(root, "package.json"));
const DOWNLOAD_TIMEOUT_MS = 20_000;

function resolveFrom(require, id) {
  try {
    return require.resolve(id);
  } catch {
    return null;
  }
}

const prismaPackage = resolveFrom(requireFromRoot, "prisma/package.json");
if (!prismaPackage) {
  // e.g. `npm ci --omit=dev`: the Prisma CLI is a dev dependency and the generated client must come from elsewhere.
  console.log("postinstall: the Prisma CLI is not installed, skipping the schema engine and `prisma generate`.");
  process.exit(0);
}
const requireFromPrisma = createRequire(prismaPackage);

// Git may drop the executable bit (core.fileMode=false); the Prisma CLI spawns the shim directly.
try {
  fs.chmodSync(path.join(root, "prisma", "engine", "schema-engine-wasm.mjs"), 0o755);
} catch {
  // not there: nothing to fix
}

// 1. The native schema engine. @prisma/engines downloads `schema-engine-<binary target>` into its own directory
// (writing a temporary file and renaming it, so a download cut short by the timeout leaves no half binary).
const enginesPostinstall = resolveFrom(requireFromPrisma, "@prisma/engines/scripts/postinstall.js");
if (enginesPostinstall) {
  const enginesDir = path.dirname(path.dirname(enginesPostinstall));
  const nativeEngines = () => fs.readdirSync(enginesDir).filter((f) => /^schema-engine-[^.]+(\.exe)?$/.test(f));
  const hadNativeEngine = nativeEngines().length > 0;
  // Also when one is there: after a Prisma upgrade, it replaces an engine of another version.
  const download = spawnSync(process.execPath, [enginesPostinstall], {
    cwd: root,
    stdio: "ignore",
    timeout: DOWNLOAD_TIMEOUT_MS,
    killSignal: "SIGINT", // its SIGINT handler removes its download lock file
  });
  if (nativeEngines().length === 0) {
    const why = download.error ? ` (${download.error.code ?? download.error.message})` : "";
    console.log(
      `postinstall: Prisma's native schema engine could not be downloaded${why}; ` +
        "the Prisma CLI will use the wasm schema engine (prisma/engine/schema-engine-wasm.mjs).",
    );
  } else if (!hadNativeEngine) {
    console.log("postinstall: downloaded Prisma's native schema engine.");
  }
}

// 2. The Prisma client. prisma.config.ts picks the engine; a failure here is a real problem and fails the install.
const generate = spawnSync(process.execPath, [requireFromPrisma.resolve("./build/index.js"), "generate"], {
  cwd: root,
  stdio: "inherit",
});
process.exit(generate.status ?? 1);

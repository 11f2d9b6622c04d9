import { createHash } from "node:crypto";
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { ROOT, bin, run } from "./run";

/** Everything that changes what `next build` produces. */
const INPUTS = ["app", "lib", "public", "proxy.ts", "next.config.js", "package-lock.json", "tsconfig.json", "prisma/schema.prisma", "prisma/migrations"];
const SKIP = new Set(["node_modules", "generated", ".next"]);
const STAMP = path.join(ROOT, ".next", "dr-console-build.json");

async function* files(p: string): AsyncGenerator<string> {
  const info = await stat(p).catch(() => undefined);
  if (!info) return;
  if (info.isFile()) {
    yield p;
    return;
  }
  const entries = await readdir(p, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (SKIP.has(e.name) || (p === path.join(ROOT, "public") && e.name === "assets")) continue;
    yield* files(path.join(p, e.name));
  }
}

export async function sourceFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for await (const file of files(path.join(ROOT, input))) {
      hash.update(path.relative(ROOT, file));
      hash.update(await readFile(file));
    }
  }
  return hash.digest("hex");
}

/**
 * GOV.UK Frontend's precompiled stylesheet, fonts and images, served from /assets as the stylesheet expects.
 * The stylesheet is linked, not imported: its IE hacks (`@media screen\0`) do not parse in Turbopack's CSS pipeline.
 */
export async function copyFrontendAssets(): Promise<void> {
  const dist = path.join(ROOT, "node_modules", "govuk-frontend", "dist", "govuk");
  const to = path.join(ROOT, "public", "assets");
  await mkdir(to, { recursive: true });
  await cp(path.join(dist, "assets"), to, { recursive: true });
  await cp(path.join(dist, "govuk-frontend.min.css"), path.join(to, "govuk-frontend.min.css"));
}

export async function generatePrismaClient(): Promise<void> {
  if (existsSync(path.join(ROOT, "lib", "generated", "prisma", "client.ts"))) return;
  await run(bin("prisma"), ["generate"]);
}

/**
 * Next's standalone output (next.config.js `output: "standalone"`): the server the Dockerfile ships, and the one
 * `npm start`, the proofs, the benchmarks and the browser tests run (scripts/lib/standalone-server.ts).
 */
export const STANDALONE_DIR = path.join(ROOT, ".next", "standalone");

/**
 * What the standalone output leaves out and its server needs beside it, as the Dockerfile copies them: the browser's
 * static files, the public folder, and the migrations (/api/health compares the applied ones with that folder).
 */
const STANDALONE_EXTRAS = [".next/static", "public", "prisma/migrations"];

async function completeStandalone(): Promise<void> {
  for (const extra of STANDALONE_EXTRAS) {
    const to = path.join(STANDALONE_DIR, extra);
    await rm(to, { recursive: true, force: true });
    await cp(path.join(ROOT, extra), to, { recursive: true });
  }
}

/** Builds the production bundle when the sources changed since the last build (or there is none). */
export async function buildIfNeeded(options: { force?: boolean; log?: (m: string) => void } = {}): Promise<boolean> {
  const fingerprint = await sourceFingerprint();
  const previous = await readFile(STAMP, "utf8").then((s) => JSON.parse(s) as { fingerprint: string }, () => undefined);
  const built = existsSync(path.join(ROOT, ".next", "BUILD_ID")) && existsSync(path.join(STANDALONE_DIR, "server.js"));
  if (!options.force && built && previous?.fingerprint === fingerprint) return false;
  options.log?.("Building the console (the sources changed since the last build)...");
  await generatePrismaClient();
  await copyFrontendAssets();
  await run(bin("next"), ["build"]);
  await completeStandalone();
  await writeFile(STAMP, JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }));
  return true;
}

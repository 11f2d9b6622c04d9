import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../../../lib/config/env";
import { STANDALONE_DIR, buildIfNeeded } from "../../../scripts/lib/build";
import { ROOT } from "../../../scripts/lib/run";

const LOCK = path.join(ROOT, ".data", "proofs-build.lock");

/**
 * The production bundle (`.next` and its standalone server, as `npm start` serves it), built when the sources changed, once however many proof
 * files or benchmark runs ask at the same moment (a lock directory holding the builder's pid; a dead builder's lock is
 * taken over). PROOFS_BUILD=reuse takes whatever `.next` holds.
 */
export async function ensureProductionBuild(options: { log?: (m: string) => void } = {}): Promise<void> {
  if (env().PROOFS_BUILD === "reuse") {
    if (!existsSync(path.join(STANDALONE_DIR, "server.js"))) throw new Error("PROOFS_BUILD=reuse but there is no production build: run `npm run build` first.");
    return;
  }
  await withLock(() => buildIfNeeded({ log: options.log }));
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      await writeFile(path.join(LOCK, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(await readFile(path.join(LOCK, "pid"), "utf8").catch(() => "0"));
      if (holder && !alive(holder)) await rm(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Waited 15 minutes for another production build (lock ${LOCK}, pid ${holder}).`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

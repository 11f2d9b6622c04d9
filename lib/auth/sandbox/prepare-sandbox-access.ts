import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../../config/env";
import { PrismaClient } from "../../generated/prisma/client";
import { createApiToken } from "../tokens/create-api-token";
import { ensureSandboxPeople } from "./ensure-sandbox-people";

export interface PrepareSandboxAccessOptions {
  /** The console's database (migrated). */
  databaseUrl: string;
  /** Where to write the tokens; SANDBOX_TOKENS_FILE (.sandbox/tokens.json) by default. */
  file?: string;
  log?: (message: string) => void;
}

export interface SandboxTokensFile {
  createdAt: string;
  expiresAt: string;
  people: { name: string; email: string; role: string; userId: string; token: string }[];
}

/** Name of the tokens made here; each start revokes the previous start's before making new ones. */
const SEED_TOKEN_NAME = "sandbox launcher";

/**
 * For the launcher (scripts/start.ts), in sandbox mode only, after migrations: creates the seeded people and
 * writes one fresh API token per person (valid 7 days) to `.sandbox/tokens.json` (mode 0600, git-ignored), so
 * scripts and tests can call the HTTP API as any role. Does nothing outside sandbox mode.
 */
export async function prepareSandboxAccess(options: PrepareSandboxAccessOptions): Promise<{ file: string; people: number } | null> {
  if (env().DR_TARGET !== "sandbox") return null;
  const file = path.resolve(options.file ?? env().SANDBOX_TOKENS_FILE);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.databaseUrl, max: 2 }) });
  try {
    const people = await ensureSandboxPeople({ prisma });
    await prisma.apiToken.updateMany({
      where: { name: SEED_TOKEN_NAME, revokedAt: null, user: { sandboxSeed: true } },
      data: { revokedAt: new Date(), revokedById: "system:sandbox-launcher", revokedByName: "Sandbox launcher" },
    });
    const out: SandboxTokensFile = { createdAt: new Date().toISOString(), expiresAt: "", people: [] };
    for (const person of people) {
      const created = await createApiToken({ actor: person, input: { name: SEED_TOKEN_NAME, expiresInDays: Math.min(7, env().API_TOKEN_MAX_DAYS) }, prisma });
      out.expiresAt = created.expiresAt.toISOString();
      out.people.push({ name: person.name, email: person.email, role: person.role, userId: person.id, token: created.token });
    }
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    options.log?.(`Sandbox sign-in: ${people.length} people; their API tokens are in ${path.relative(process.cwd(), file)}`);
    return { file, people: people.length };
  } finally {
    await prisma.$disconnect();
  }
}

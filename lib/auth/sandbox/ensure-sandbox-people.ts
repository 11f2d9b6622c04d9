import { env } from "../../config/env";
import { db } from "../../db";
import { ForbiddenError } from "../../errors";
import type { PrismaClient } from "../../generated/prisma/client";
import { SANDBOX_PEOPLE } from "./sandbox-people";

export interface SandboxPerson {
  id: string;
  email: string;
  name: string;
  role: "viewer" | "responder" | "lead" | "admin";
}

/**
 * Creates the sandbox's seeded people when missing (their roles as seeded; an admin's later change is kept) and
 * returns them in seed order. Refused outside sandbox mode: no such accounts may exist where real systems are driven.
 */
export async function ensureSandboxPeople(options: { prisma?: PrismaClient } = {}): Promise<SandboxPerson[]> {
  if (env().DR_TARGET !== "sandbox") throw new ForbiddenError("The sandbox's people exist only when the console drives the sandbox (DR_TARGET=sandbox).");
  const client = options.prisma ?? db();
  const people: SandboxPerson[] = [];
  for (const person of SANDBOX_PEOPLE) {
    people.push(
      await client.user.upsert({
        where: { email: person.email },
        create: { ...person, sandboxSeed: true },
        update: { sandboxSeed: true },
        select: { id: true, email: true, name: true, role: true },
      }),
    );
  }
  return people;
}

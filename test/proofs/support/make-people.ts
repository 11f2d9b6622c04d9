import { randomUUID } from "node:crypto";
import { createApiToken } from "../../../lib/auth/tokens/create-api-token";
import { db } from "../../../lib/db";
import type { StackPerson } from "./proof-stack";

/** Extra people for the load and replica proofs, each with an API token of their own role (made as the console does). */
export async function makePeople(options: { count: number; role: "responder" | "lead"; prefix: string }): Promise<StackPerson[]> {
  const people: StackPerson[] = [];
  for (let i = 1; i <= options.count; i += 1) {
    const name = `${options.prefix} ${i}`;
    const user = await db().user.create({ data: { id: randomUUID(), email: `${options.prefix.toLowerCase().replace(/\W+/g, ".")}.${i}@proofs.dr-console.local`, name, role: options.role } });
    const actor = { id: user.id, name: user.name, role: options.role };
    const { token } = await createApiToken({ actor, input: { name: "proofs", expiresInDays: 1 } });
    people.push({ id: user.id, name, role: options.role, token });
  }
  return people;
}

import { db } from "../../db";
import type { Role } from "../roles";

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role: Role;
  createdAt: Date;
  /** When they last signed in (their newest session), if ever. */
  lastSignInAt: Date | null;
}

/** Everyone who has signed in (or been seeded), by name: for the admin page. */
export async function listUsers(): Promise<UserSummary[]> {
  const users = await db().user.findMany({
    orderBy: [{ name: "asc" }, { email: "asc" }],
    take: 1000,
    select: { id: true, name: true, email: true, role: true, createdAt: true, sessions: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } } },
  });
  return users.map(({ sessions, ...user }) => ({ ...user, lastSignInAt: sessions[0]?.createdAt ?? null }));
}

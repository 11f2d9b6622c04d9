import NextAuth from "next-auth";
import { buildAuthConfig } from "./auth-config";

/**
 * The Auth.js instance: `handlers` serve /api/auth/* (app/api/auth/[...nextauth]/route.ts), `signIn` starts a
 * Microsoft sign-in from a server action. Configured lazily, so nothing reads the environment or the database
 * until a request needs it.
 */
export const { handlers, signIn } = NextAuth(() => buildAuthConfig());

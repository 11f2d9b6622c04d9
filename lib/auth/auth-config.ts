import { randomBytes } from "node:crypto";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { NextAuthConfig } from "next-auth";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { env } from "../config/env";
import { db } from "../db";
import { logger } from "../log";
import { applyEntraSignIn } from "./entra/apply-entra-sign-in";
import { entraConfigured } from "./entra/entra-configured";
import { sessionCookie, usesSecureCookies } from "./sessions/session-cookie";

/** A sandbox console without AUTH_SECRET gets one per process: it only signs short-lived sign-in cookies. */
let sandboxSecret: string | undefined;

/**
 * Auth.js (next-auth v5) for Microsoft Entra ID: the OAuth/OIDC sign-in, and database sessions written through the
 * Prisma adapter (Session rows; the browser holds only the random token, read back by lib/auth/current-actor.ts).
 * Sessions last AUTH_SESSION_HOURS. Roles come from the Entra groups or app roles mapped in AUTH_ROLE_MAPPING
 * (lib/auth/entra). The sandbox's sign-in does not go through Auth.js (lib/auth/sandbox).
 */
export function buildAuthConfig(): NextAuthConfig {
  const config = env();
  if (config.DR_TARGET === "cloud" && !config.AUTH_SECRET) {
    throw new Error("AUTH_SECRET is required when DR_TARGET=cloud: a random secret of at least 32 characters (openssl rand -base64 33).");
  }
  const cookie = sessionCookie();
  return {
    secret: config.AUTH_SECRET ?? (sandboxSecret ??= randomBytes(32).toString("base64url")),
    // Behind the cluster's ingress the host comes from the forwarded headers; AUTH_URL pins it where set.
    trustHost: true,
    useSecureCookies: usesSecureCookies(),
    adapter: PrismaAdapter(db() as unknown as Parameters<typeof PrismaAdapter>[0]),
    session: { strategy: "database", maxAge: config.AUTH_SESSION_HOURS * 3600, updateAge: config.AUTH_SESSION_HOURS * 3600 },
    cookies: { sessionToken: { name: cookie.name, options: cookie.options } },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: entraConfigured()
      ? [
          MicrosoftEntraID({
            clientId: config.AUTH_ENTRA_CLIENT_ID,
            clientSecret: config.AUTH_ENTRA_CLIENT_SECRET,
            issuer: `https://login.microsoftonline.com/${config.AUTH_ENTRA_TENANT_ID}/v2.0`,
            // No Graph call for a photo: only the id token's claims, and a name that is never empty.
            profile(profile) {
              const email = String(profile.email ?? profile.preferred_username ?? "").toLowerCase();
              return { id: String(profile.oid ?? profile.sub), name: String(profile.name ?? email), email, image: null };
            },
          }),
        ]
      : [],
    // Auth.js's messages through the console's logger: a refused request (no CSRF token, a bad callback) is the
    // caller's problem (warn); anything else is ours (error).
    logger: {
      error: (error) => {
        const type = (error as { type?: string }).type ?? error.name;
        const callerError = ["MissingCSRF", "UnknownAction", "InvalidCheck", "InvalidCallbackUrl", "OAuthCallbackError", "AccessDenied"].includes(type);
        logger[callerError ? "warn" : "error"]({ err: error, type }, "Auth.js could not complete a request");
      },
      warn: (code) => logger.warn({ code }, "Auth.js warning"),
      debug: () => undefined,
    },
    callbacks: {
      // Refuse an account without an address: people are found by email.
      signIn: ({ user }) => Boolean(user.email),
    },
    events: {
      signIn: async ({ user, profile, isNewUser }) => {
        if (!user.id) return;
        await applyEntraSignIn({ userId: user.id, claims: { groups: profile?.groups, roles: profile?.roles }, isNewUser: isNewUser ?? false });
      },
    },
  };
}

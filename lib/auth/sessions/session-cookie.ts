import { env } from "../../config/env";

/**
 * The session cookie, shared by Auth.js (which sets it after a Microsoft sign-in) and the console's own session
 * reader and sandbox sign-in, so both agree on its name and attributes. Secure (and `__Secure-` prefixed) when the
 * console's public URL is https; httpOnly; SameSite=Lax so that the redirect back from Microsoft carries it.
 */
export function sessionCookie(): { name: string; options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean } } {
  const secure = usesSecureCookies();
  return {
    name: `${secure ? "__Secure-" : ""}authjs.session-token`,
    options: { httpOnly: true, sameSite: "lax", path: "/", secure },
  };
}

export function usesSecureCookies(): boolean {
  return env().AUTH_URL?.startsWith("https://") ?? false;
}

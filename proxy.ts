import { NextResponse, type NextRequest } from "next/server";
import { entraConfigured } from "./lib/auth/entra/entra-configured";
import { buildSecurityHeaders } from "./lib/auth/security/build-security-headers";
import { env } from "./lib/config/env";

/**
 * Runs before every request (not static assets):
 * - gives it an id (kept when a trusted proxy in front already set one) so that log lines, audit rows and error
 *   pages can be tied together;
 * - passes the path asked for to the page (x-dr-path), so that a page can send a stranger to sign in and back;
 * - sets the security headers (lib/auth/security) with a fresh CSP nonce, which Next reads from the request's
 *   Content-Security-Policy header and puts on its own scripts.
 * It checks nobody's identity: every page, action and route does that on the server itself (lib/auth).
 */
export function proxy(request: NextRequest) {
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && /^[\w.-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const security = buildSecurityHeaders({
    nonce,
    https,
    development: env().NODE_ENV === "development",
    formActionOrigins: entraConfigured() ? ["https://login.microsoftonline.com"] : [],
  });

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-dr-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", security["content-security-policy"]!);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|assets/|favicon.ico).*)"],
};

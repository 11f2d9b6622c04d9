export interface SecurityHeadersOptions {
  /** A fresh random nonce for this response's scripts (Next puts it on its own script tags). */
  nonce: string;
  /** Served over https (directly or behind a TLS-terminating proxy): then HSTS. */
  https: boolean;
  /** Development server: React's dev build needs eval for its error overlay and call stacks. */
  development: boolean;
  /** Where forms may send people: Microsoft's sign-in when Entra ID is set up. */
  formActionOrigins?: string[];
}

/**
 * The console's security headers. A strict CSP: scripts only with this response's nonce ('strict-dynamic' lets
 * them load Next's chunks), nothing may frame the console (frame-ancestors 'none', and X-Frame-Options for old
 * browsers), no plugins, no base-tag tricks, forms only to ourselves (and Microsoft's sign-in). Styles come from our
 * own stylesheet; React's style attributes need 'unsafe-inline' for styles only (no script can ride on it).
 */
export function buildSecurityHeaders(options: SecurityHeadersOptions): Record<string, string> {
  const scriptSrc = [`'self'`, `'nonce-${options.nonce}'`, `'strict-dynamic'`, ...(options.development ? [`'unsafe-eval'`] : [])];
  const directives = [
    `default-src 'self'`,
    `script-src ${scriptSrc.join(" ")}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src 'self'${options.development ? " ws: wss:" : ""}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'${(options.formActionOrigins ?? []).map((o) => ` ${o}`).join("")}`,
    `frame-ancestors 'none'`,
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return {
    "content-security-policy": directives.join("; "),
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    ...(options.https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

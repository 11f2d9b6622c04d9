/**
 * Where to go after signing in: only a path on this console (never another site: an open redirect would let a
 * link to our sign-in page send people anywhere). Anything else is the dashboard.
 */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\r\n\t]/.test(value)) return "/";
  if (value.startsWith("/sign-in") || value.startsWith("/api/")) return "/";
  return value.length > 2000 ? "/" : value;
}

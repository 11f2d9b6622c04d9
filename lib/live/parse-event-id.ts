/**
 * An audit sequence number from a `Last-Event-ID` header or a `since` query parameter; null when absent or not
 * a plain non-negative integer (a malformed id must not turn into "replay everything" or an error page).
 */
export function parseEventId(value: string | null | undefined): bigint | null {
  const text = value?.trim();
  if (!text || !/^\d{1,19}$/.test(text)) return null;
  return BigInt(text);
}

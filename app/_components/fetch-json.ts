/** GET one of the console's read endpoints (/api/ui/...); a refusal becomes an Error with the server's message. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const message = body && typeof body === "object" && "message" in body ? String((body as { message: unknown }).message) : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body as T;
}

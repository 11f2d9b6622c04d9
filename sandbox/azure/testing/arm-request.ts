import { readFileSync } from "node:fs";
import https from "node:https";

/** A raw HTTPS request to the ARM stand-in (for what the SDKs hide: status codes, headers, exact bodies). */
export async function armRequest(options: {
  arm: { url: string; caFile: string; token: string };
  method: string;
  path: string;
  body?: unknown;
  token?: string | null;
}): Promise<{ status: number; headers: Record<string, string>; body: unknown; text: string }> {
  const url = new URL(options.path, options.arm.url);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const token = options.token === undefined ? options.arm.token : options.token;
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: options.method,
        ca: readFileSync(options.arm.caFile),
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (c: string) => (text += c));
        response.on("end", () => {
          const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : (v ?? "")]));
          let body: unknown = undefined;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = text;
          }
          resolve({ status: response.statusCode ?? 0, headers, body, text });
        });
      },
    );
    request.on("error", reject);
    if (payload) request.write(payload);
    request.end();
  });
}

/** POST/PUT/GET to the control API. */
export async function controlRequest<T = Record<string, unknown>>(controlUrl: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${controlUrl}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

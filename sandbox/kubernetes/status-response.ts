/**
 * Errors as the API server sends them: a meta/v1 Status object with the HTTP code, a machine reason and details.
 * Clients (kubectl, @kubernetes/client-node) print `message` and branch on `reason`/`code`.
 */

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  retryAfterSeconds?: number;
  causes?: { reason: string; message: string; field: string }[];
}

export function statusBody(options: { code: number; reason: string; message: string; details?: StatusDetails }) {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: options.message,
    reason: options.reason,
    ...(options.details ? { details: options.details } : {}),
    code: options.code,
  };
}

export function statusResponse(options: { code: number; reason: string; message: string; details?: StatusDetails; headers?: Record<string, string> }): Response {
  return new Response(JSON.stringify(statusBody(options)), {
    status: options.code,
    headers: { "content-type": "application/json", ...options.headers },
  });
}

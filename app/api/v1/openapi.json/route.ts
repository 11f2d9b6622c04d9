import { buildOpenApiDocument } from "@/lib/api/build-openapi-document";

export const dynamic = "force-dynamic";

/** Served without the sandbox gate: the document describes the API; it reveals nothing of an incident. */
export function GET(): Response {
  return Response.json(buildOpenApiDocument(), { headers: { "cache-control": "no-store" } });
}

import { buildOpenApiDocument } from "@/lib/api/build-openapi-document";

export const dynamic = "force-dynamic";

/** Public: the document describes the API and how to authenticate; it reveals nothing of an incident. */
export function GET(): Response {
  return Response.json(buildOpenApiDocument(), { headers: { "cache-control": "no-store" } });
}

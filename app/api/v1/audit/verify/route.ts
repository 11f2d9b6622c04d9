import { handleApiRequest } from "@/lib/api/handle-api-request";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleApiRequest(request, async () => ({ body: await verifyAuditChain() }));
}

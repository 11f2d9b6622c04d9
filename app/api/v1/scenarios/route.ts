import { handleApiRequest } from "@/lib/api/handle-api-request";
import { describeScenarios } from "@/lib/runbooks/describe-scenarios";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleApiRequest(request, async ({ query }) => ({
    body: { scenarios: describeScenarios({ environment: query.get("environment") ?? undefined }) },
  }));
}

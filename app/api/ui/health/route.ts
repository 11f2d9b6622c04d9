import { checkEnvironmentsHealth } from "@/lib/ui/check-environments-health";
import { getHealthPort } from "@/lib/ui/get-health-port";
import { uiJson } from "../_lib/ui-json";

export const dynamic = "force-dynamic";

/** AYTQ and CTR health in every environment, for the dashboard (refetched every 30 seconds). */
export async function GET(): Promise<Response> {
  return uiJson(async () => {
    const { port, reason } = await getHealthPort();
    return checkEnvironmentsHealth({ serviceKey: "aytq", port, unavailableReason: reason });
  });
}

import { getConsoleHealth } from "@/lib/health/get-console-health";
import { currentLogger } from "@/lib/request-context";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await getConsoleHealth();
  if (health.status !== "ok") (await currentLogger()).warn({ health }, "console health check failed");
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}

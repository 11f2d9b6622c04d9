import type { NextRequest } from "next/server";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { uiJson } from "../_lib/ui-json";

export const dynamic = "force-dynamic";

/** Incidents for the console's lists (the dashboard's open incidents), filtered like /incidents. */
export async function GET(request: NextRequest): Promise<Response> {
  const filter = Object.fromEntries(request.nextUrl.searchParams.entries());
  return uiJson(async () => ({ incidents: await listIncidents({ filter }) }));
}

import type { EventData } from "@azure/arm-monitor";
import type { ServerActivityEvent } from "./port";

const iso = (value: Date | undefined): string => (value ? value.toISOString() : "");

/** Azure's failure detail: `properties.statusMessage` is JSON `{"error":{"code","message"}}` (or plain text). */
function failureMessage(properties: Record<string, string> | undefined): string | undefined {
  const raw = properties?.statusMessage;
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { error?: { code?: string; message?: string }; message?: string };
    const error = parsed.error;
    if (error?.message) return error.code ? `${error.code}: ${error.message}` : error.message;
    return parsed.message ?? raw;
  } catch {
    return raw;
  }
}

/** An activity-log EventData as our ServerActivityEvent: the vendor type stops here. */
export function reshapeActivityEvent(event: EventData): ServerActivityEvent {
  return {
    operation: event.operationName?.value ?? "",
    status: event.status?.value ?? "",
    eventAt: iso(event.eventTimestamp),
    submittedAt: iso(event.submissionTimestamp ?? event.eventTimestamp),
    caller: event.caller,
    correlationId: event.correlationId,
    message: failureMessage(event.properties),
  };
}

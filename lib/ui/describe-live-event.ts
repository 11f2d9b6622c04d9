import type { LiveEvent } from "../live/live-event";

const text = (value: unknown, key: string): string | undefined => {
  if (!value || typeof value !== "object") return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === "string" && v.trim() ? v : typeof v === "number" ? String(v) : undefined;
};

/**
 * One timeline line, in words: who did what to which step. `stepTitles` maps step ids to their titles; unknown
 * actions still read sensibly ("Ada Lead: something.new").
 */
export function describeLiveEvent(options: { event: LiveEvent; stepTitles: Record<string, string> }): string {
  const { event } = options;
  const who = event.actor.name;
  const step = event.stepId ? `“${options.stepTitles[event.stepId] ?? event.stepId}”` : "a step";
  const attempt = text(event.detail, "attempt");
  const again = attempt && Number(attempt) > 1 ? ` (attempt ${attempt})` : "";
  switch (event.action) {
    case "incident.created":
      return `${who} opened the incident.`;
    case "incident.branch_chosen":
      return `${who} chose ${text(event.inputs, "branch") ?? "another option"}: ${text(event.inputs, "reason") ?? "no reason given"}.`;
    case "incident.closed":
      return `${who} closed the incident as ${text(event.inputs, "status") ?? "closed"}${text(event.inputs, "reason") ? `: ${text(event.inputs, "reason")}` : ""}.`;
    case "note.recorded":
      return `${who} added a note${event.stepId ? ` on ${step}` : ""}: ${text(event.inputs, "text") ?? ""}`;
    case "step.started":
      return `${who} started ${step}${again}.`;
    case "step.retried":
      return `${who} ran ${step} again${again}.`;
    case "step.approval_requested":
      return `${who} asked a second incident lead to approve ${step}.`;
    case "step.approved":
      return `${who} approved ${step}; it is running.`;
    case "step.done_by_hand":
      return `${who} did ${step} by hand; the console is checking the result.`;
    case "step.confirmed":
      return `${who} confirmed ${step} is done${text(event.detail, "note") ? `: ${text(event.detail, "note")}` : ""}.`;
    case "step.decided":
      return `${who} recorded the decision for ${step}.`;
    case "step.skipped":
      return `${who} skipped ${step}: ${text(event.detail, "reason") ?? "no reason given"}.`;
    case "step.succeeded":
      return `${step} succeeded${text(event.detail, "summary") ? `: ${text(event.detail, "summary")}` : ""}.`;
    case "step.failed":
      return `${step} failed: ${text(event.detail, "error") ?? text(event.detail, "summary") ?? "see the step"}.`;
    case "operation.sent":
      return `${step}: request sent${text(event.detail, "response") ? ` (${text(event.detail, "response")})` : ""}.`;
    default:
      return `${who}: ${event.action}${event.stepId ? ` on ${step}` : ""}.`;
  }
}

import type { AuditEventRecord } from "../audit/list-audit-events";
import { record } from "./step-facts";

const text = (value: unknown, key: string): string | undefined => {
  const v = record(value)[key];
  return typeof v === "string" && v.trim() ? v : typeof v === "number" ? String(v) : undefined;
};

/** One line of the report's timeline, in the past tense, from an audit row. */
export function describeAuditEvent(options: { event: AuditEventRecord; stepTitles: Record<string, string> }): string {
  const { event } = options;
  const step = event.stepId ? `“${options.stepTitles[event.stepId] ?? event.stepId}”` : "a step";
  const attempt = text(event.detail, "attempt");
  const again = attempt && Number(attempt) > 1 ? ` (attempt ${attempt})` : "";
  switch (event.action) {
    case "incident.created":
      return "Opened the incident.";
    case "incident.branch_chosen":
      return `Chose ${text(event.inputs, "branch") ?? "another option"}: ${text(event.inputs, "reason") ?? "no reason given"}.`;
    case "incident.closed":
      return `Closed the incident as ${text(event.inputs, "status") ?? "closed"}${text(event.inputs, "reason") ? `: ${text(event.inputs, "reason")}` : ""}.`;
    case "note.recorded":
      return `Noted${event.stepId ? ` on ${step}` : ""}: ${text(event.inputs, "text") ?? ""}`;
    case "step.started":
      return `Started ${step}${again}.`;
    case "step.retried":
      return `Ran ${step} again${again}.`;
    case "step.approval_requested":
      return `Asked a second incident lead to approve ${step}.`;
    case "step.approved":
      return `Approved ${step}.`;
    case "step.done_by_hand":
      return `Did ${step} by hand; the console checked the result.`;
    case "step.confirmed":
      return `Confirmed ${step}${text(event.detail, "note") ? `: ${text(event.detail, "note")}` : ""}.`;
    case "step.decided":
      return `Recorded the decision for ${step}.`;
    case "step.skipped":
      return `Skipped ${step}: ${text(event.detail, "reason") ?? "no reason given"}.`;
    case "step.succeeded":
      return `${step} succeeded${text(event.detail, "summary") ? `: ${text(event.detail, "summary")}` : ""}.`;
    case "step.failed":
      return `${step} failed: ${text(event.detail, "error") ?? text(event.detail, "summary") ?? "see the step"}.`;
    case "operation.sent":
      return `${step}: request sent${text(event.detail, "response") ? ` (${text(event.detail, "response")})` : ""}.`;
    default:
      return `${event.action.replace(/[._]/g, " ")}${event.stepId ? ` (${step})` : ""}${event.outcome !== "ok" ? `: ${event.outcome}` : ""}.`;
  }
}

"use client";

import type { ActionError } from "@/lib/actions/action-result";
import { ErrorSummary, type ErrorSummaryItem } from "@/app/_components/error-summary";

/**
 * An action's refusal as a GOV.UK error summary: each field issue linked to its field (`fieldIds` maps input
 * names to element ids), anything else as plain text, an unexpected error with its event id.
 */
export function ActionErrors({ error, fieldIds = {}, extra = [], testId }: { error: ActionError | null; fieldIds?: Record<string, string>; extra?: ErrorSummaryItem[]; testId?: string }) {
  const items: ErrorSummaryItem[] = [...extra];
  if (error) {
    const linked = error.issues
      .map((issue) => ({ id: fieldIds[issue.path.split(".")[0] ?? ""], message: issue.message }))
      .filter((i) => i.id);
    if (linked.length) {
      for (const i of linked) items.push({ href: i.id, message: i.message });
      if (linked.length < error.issues.length || error.issues.length === 0) items.push({ message: error.message });
    } else {
      items.push({ message: error.message });
    }
  }
  return <ErrorSummary items={items} testId={testId} title={error?.kind === "unexpected" ? error.title : "There is a problem"} />;
}

/** The message of an action's issue about one field, to show beside it. */
export function issueFor(error: ActionError | null, field: string): string | undefined {
  return error?.issues.find((i) => i.path.split(".")[0] === field)?.message;
}

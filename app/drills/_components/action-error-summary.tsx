"use client";

import type { ActionError } from "@/lib/actions/action-result";
import { ErrorSummary, type ErrorSummaryItem } from "@/app/_components/error-summary";

/**
 * A server action's refusal as a GOV.UK error summary (it takes focus): issues about a field link to it
 * (`fieldIds` maps input names to element ids); anything else is plain text; an unexpected error keeps its event id.
 */
export function ActionErrorSummary({ error, fieldIds = {}, local = [], testId }: { error: ActionError | null; fieldIds?: Record<string, string>; local?: ErrorSummaryItem[]; testId?: string }) {
  const items: ErrorSummaryItem[] = [...local];
  if (error) {
    const linked = error.issues.map((i) => ({ href: fieldIds[i.path.split(".")[0] ?? ""], message: i.message })).filter((i) => i.href);
    items.push(...linked);
    if (linked.length === 0 || linked.length < error.issues.length) items.push({ message: error.message });
  }
  return <ErrorSummary items={items} testId={testId} title={error?.kind === "unexpected" ? error.title : "There is a problem"} />;
}

/** The message of an action's issue about one field, to show beside it. */
export function fieldIssue(error: ActionError | null, field: string): string | undefined {
  return error?.issues.find((i) => i.path.split(".")[0] === field)?.message;
}

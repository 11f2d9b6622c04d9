/**
 * The post-DR review checklist (runbook "Post DR review"; for drills, the DR testing document's "After" list).
 * Items are data: adding one needs no migration (PostReviewCheck.item is a string checked against this list).
 */
export interface PostReviewItem {
  item: string;
  label: string;
  /** Only for drills. */
  drillOnly?: boolean;
}

export const POST_REVIEW_ITEMS: readonly PostReviewItem[] = [
  { item: "retro-scheduled", label: "Incident retro meeting scheduled with all the stakeholders" },
  { item: "report-filed", label: "Incident report reviewed and filed" },
  { item: "cards-raised", label: "Cards raised for the follow-up actions (process improvements)" },
  { item: "contact-list-reviewed", label: "Contact list reviewed", drillOnly: true },
];

export function postReviewItemsFor(mode: "incident" | "drill"): PostReviewItem[] {
  return POST_REVIEW_ITEMS.filter((i) => !i.drillOnly || mode === "drill");
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useAnnounce } from "@/app/_components/announcer";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { ActionErrorSummary } from "@/app/drills/_components/action-error-summary";
import { setPostReviewCheckAction } from "../actions";

export interface ChecklistItemView {
  item: string;
  label: string;
  done: boolean;
  /** "by Lena Lead, Thu 3 Dec 2026 ..." */
  doneText: string | null;
}

/** The post-DR review checklist: each tick is saved at once (and audited), and announced to screen readers. */
export function PostReviewChecklist({ incidentId, items, canEdit }: { incidentId: string; items: ChecklistItemView[]; canEdit: boolean }) {
  const router = useRouter();
  const announce = useAnnounce();
  const saved = JSON.stringify(items.map((i) => [i.item, i.done]));
  // Ticked at once (the box follows the click), put back if the save is refused; the server's state wins on refresh.
  const [checked, setChecked] = useState<Record<string, boolean>>(() => Object.fromEntries(items.map((i) => [i.item, i.done])));
  useEffect(() => setChecked(Object.fromEntries(JSON.parse(saved) as [string, boolean][])), [saved]);
  const mutation = useActionMutation(setPostReviewCheckAction, {
    onSuccess: (data) => {
      announce(`${items.find((i) => i.item === data.item)?.label ?? "Item"}: ${data.done ? "done" : "not done"}. Saved.`);
      router.refresh();
    },
  });
  useEffect(() => {
    if (mutation.error) setChecked(Object.fromEntries(JSON.parse(saved) as [string, boolean][]));
  }, [mutation.error, saved]);
  return (
    <div className="govuk-form-group" data-testid="post-review-checklist">
      <ActionErrorSummary error={mutation.error} />
      <fieldset className="govuk-fieldset" aria-describedby="checklist-hint">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Done so far</legend>
        <div id="checklist-hint" className="govuk-hint">
          {canEdit ? "Each change is saved straight away." : "Only responders, incident leads and admins can tick these."}
        </div>
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {items.map((i) => (
            <div className="govuk-checkboxes__item" key={i.item}>
              <input
                className="govuk-checkboxes__input"
                id={`check-${i.item}`}
                name="checklist"
                type="checkbox"
                value={i.item}
                checked={checked[i.item] ?? false}
                disabled={!canEdit || mutation.pending}
                aria-describedby={i.doneText ? `check-${i.item}-hint` : undefined}
                onChange={(e) => {
                  setChecked({ ...checked, [i.item]: e.target.checked });
                  mutation.run({ incidentId, item: i.item, done: e.target.checked });
                }}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`check-${i.item}`}>
                {i.label}
              </label>
              {i.doneText && (
                <div id={`check-${i.item}-hint`} className="govuk-hint govuk-checkboxes__hint">
                  {i.doneText}
                </div>
              )}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

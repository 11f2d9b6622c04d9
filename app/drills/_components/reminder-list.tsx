"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useAnnounce } from "@/app/_components/announcer";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import type { ReminderView } from "@/lib/notifications/list-reminders";
import { dismissReminderAction } from "../actions";
import { ActionErrorSummary } from "./action-error-summary";

const DELIVERY: Record<ReminderView["delivery"], string> = {
  not_configured: "",
  pending: "Posting to the team channel…",
  sent: "Posted to the team channel.",
  failed: "Could not be posted to the team channel",
};

/** The DR test reminders (coming up, overdue), as GOV.UK notification banners, each dismissable. */
export function ReminderList({ reminders, canDismiss }: { reminders: ReminderView[]; canDismiss: boolean }) {
  const router = useRouter();
  const announce = useAnnounce();
  const mutation = useActionMutation(dismissReminderAction, {
    onSuccess: () => {
      announce("Reminder dismissed.");
      router.refresh();
    },
  });
  return (
    <div data-testid="reminders">
      <ActionErrorSummary error={mutation.error} />
      {reminders.map((r) => (
        <div className="govuk-notification-banner" role="region" aria-labelledby={`reminder-${r.id}-title`} key={r.id}>
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id={`reminder-${r.id}-title`}>
              {r.kind === "overdue" ? "Overdue" : "Coming up"}
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{r.title}</p>
            <p className="govuk-body">{r.message}</p>
            {r.delivery !== "not_configured" && (
              <p className="govuk-body-s">
                {DELIVERY[r.delivery]}
                {r.delivery === "failed" && r.deliveryError ? `: ${r.deliveryError}` : ""}
              </p>
            )}
            <p className="govuk-body">
              <Link className="govuk-notification-banner__link" href={r.link}>
                {r.kind === "overdue" ? "See the DR test matrix" : "See the DR test"}
              </Link>
            </p>
            {canDismiss && (
              <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={mutation.pending} onClick={() => mutation.run({ reminderId: r.id })}>
                Dismiss<span className="govuk-visually-hidden"> the reminder “{r.title}”</span>
              </button>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

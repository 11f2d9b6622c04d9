"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { TextField } from "@/app/_components/form/text-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { cancelDrillAction } from "../actions";
import { ActionErrorSummary, fieldIssue } from "./action-error-summary";

/** Takes a scheduled DR test off the calendar, with a reason. */
export function CancelDrillForm({ drillId }: { drillId: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const mutation = useActionMutation(cancelDrillAction, { onSuccess: () => router.refresh() });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.run({ drillId, reason });
  };
  return (
    <form onSubmit={submit} noValidate>
      <ActionErrorSummary error={mutation.error} fieldIds={{ reason: "cancel-reason" }} />
      <TextField id="cancel-reason" name="reason" label="Why is it cancelled?" error={fieldIssue(mutation.error, "reason")} value={reason} onChange={setReason} />
      <button type="submit" className="govuk-button govuk-button--warning" disabled={mutation.pending} aria-disabled={mutation.pending}>
        Cancel the DR test
      </button>
    </form>
  );
}

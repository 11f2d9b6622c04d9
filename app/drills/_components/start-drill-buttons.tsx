"use client";

import { useRouter } from "next/navigation";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { startScheduledDrillAction } from "../actions";
import { ActionErrorSummary } from "./action-error-summary";

/** One button per scenario of the DR test: opens it as a drill-mode incident and goes to its run page. */
export function StartDrillButtons({ drillId, scenarios, environmentLabel }: { drillId: string; scenarios: { id: string; title: string; running: string | null }[]; environmentLabel: string }) {
  const router = useRouter();
  const mutation = useActionMutation(startScheduledDrillAction, { onSuccess: (data) => router.push(`/incidents/${data.incidentId}`) });
  return (
    <div data-testid="start-drill">
      <ActionErrorSummary error={mutation.error} />
      <div className="govuk-button-group">
        {scenarios.map((s) =>
          s.running ? (
            <a key={s.id} className="govuk-button govuk-button--secondary" href={`/incidents/${s.running}`}>
              Go to the running {s.title}
            </a>
          ) : (
            <button key={s.id} type="button" className="govuk-button" disabled={mutation.pending} aria-disabled={mutation.pending} onClick={() => mutation.run({ drillId, scenario: s.id })}>
              Start {s.title} in {environmentLabel}
            </button>
          ),
        )}
      </div>
    </div>
  );
}

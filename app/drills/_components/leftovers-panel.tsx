"use client";

import { useRouter } from "next/navigation";
import { useAnnounce } from "@/app/_components/announcer";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import type { Leftover } from "@/lib/drills/hygiene/leftover";
import { requestTidyUpAction } from "../actions";
import { ActionErrorSummary } from "./action-error-summary";

const LIVE_TAG: Record<Leftover["live"], [string, string]> = {
  present: ["Still there", "govuk-tag--orange"],
  gone: ["Gone", "govuk-tag--green"],
  unknown: ["Not checked", "govuk-tag--grey"],
};
const TIDY_TAG: Record<string, string> = { pending: "Tidy-up queued", running: "Tidy-up running", succeeded: "Tidied up", failed: "Tidy-up failed" };

/**
 * What the drill left behind, and the one-click tidy-up: every tidy-up is recorded and audited before it is sent,
 * carried out through the same ports as the engine's steps, and verified against the live system.
 */
export function LeftoversPanel({ incidentId, leftovers, canTidy, portsAvailable }: { incidentId: string; leftovers: Leftover[]; canTidy: boolean; portsAvailable: boolean }) {
  const router = useRouter();
  const announce = useAnnounce();
  const mutation = useActionMutation(requestTidyUpAction, {
    onSuccess: (data) => {
      announce(`${data.actionIds.length} tidy-up${data.actionIds.length === 1 ? "" : "s"} started. Reload to follow them.`);
      router.refresh();
    },
  });
  const tidyable = leftovers.filter((l) => l.leftBehind && l.tidyUp && !(l.lastTidyUp && ["pending", "running"].includes(l.lastTidyUp.status)));
  return (
    <div data-testid="leftovers">
      {!portsAvailable && (
        <p className="govuk-inset-text">The console is not connected to the live systems here: this list comes from the drill&apos;s records alone.</p>
      )}
      {leftovers.length === 0 ? (
        <p className="govuk-body">Nothing left behind: no PTR copy, ad hoc backup, frozen branch or scaled-down deployment.</p>
      ) : (
        <ul className="govuk-list app-leftovers">
          {leftovers.map((l) => (
            <li key={l.key} className="app-leftover">
              <p className="govuk-body govuk-!-margin-bottom-1">
                <strong>{l.title}</strong> <strong className={`govuk-tag ${LIVE_TAG[l.live][1]}`}>{LIVE_TAG[l.live][0]}</strong>{" "}
                {l.lastTidyUp && <strong className="govuk-tag govuk-tag--blue">{TIDY_TAG[l.lastTidyUp.status]}</strong>}
              </p>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                {l.detail} {l.liveDetail}
              </p>
              {l.tidyUp && l.leftBehind && <p className="govuk-body-s govuk-!-margin-bottom-1">Tidy-up: {l.tidyUp.description}</p>}
              {l.manual && <p className="govuk-body-s govuk-!-margin-bottom-1">{l.manual}</p>}
              {l.lastTidyUp?.error && <p className="govuk-body-s app-status-bad">{l.lastTidyUp.error}</p>}
            </li>
          ))}
        </ul>
      )}
      {canTidy && portsAvailable && tidyable.length > 0 && (
        <div className="app-no-print">
          <ActionErrorSummary error={mutation.error} />
          <button type="button" className="govuk-button govuk-button--warning" disabled={mutation.pending} aria-disabled={mutation.pending} onClick={() => mutation.run({ incidentId, keys: tidyable.map((l) => l.key) })}>
            Tidy up {tidyable.length === 1 ? "1 thing" : `${tidyable.length} things`}
          </button>
        </div>
      )}
    </div>
  );
}

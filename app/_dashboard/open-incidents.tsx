"use client";

import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { IncidentSummary } from "@/lib/incidents/incident-view";
import { capitalise } from "@/lib/ui/capitalise";
import { incidentKeys } from "@/lib/ui/query-keys/incident-keys";
import { fetchJson } from "@/app/_components/fetch-json";
import { LiveStatusTag } from "@/app/_components/live/live-status";
import { useLiveFeed } from "@/app/_components/live/use-live-feed";
import { StepStateTag } from "@/app/_components/step-state-tag";
import { TimeText } from "@/app/_components/time-text";

const FILTER = { status: "open" } as const;

/** Open incidents and drills, kept current by the live feed (any change anywhere refreshes the list). */
export function OpenIncidents({ initial, cursor }: { initial: IncidentSummary[]; cursor: string }) {
  const queryClient = useQueryClient();
  const { data: incidents } = useQuery({
    queryKey: incidentKeys.list(FILTER),
    queryFn: async () => (await fetchJson<{ incidents: IncidentSummary[] }>("/api/ui/incidents?status=open")).incidents,
    initialData: initial,
  });
  const onEvent = useCallback(() => void queryClient.invalidateQueries({ queryKey: incidentKeys.lists() }), [queryClient]);
  const status = useLiveFeed({ since: cursor, onEvent });
  return (
    <section aria-labelledby="open-incidents-heading" data-testid="open-incidents">
      <h2 className="govuk-heading-m" id="open-incidents-heading">
        Open incidents and drills
      </h2>
      <LiveStatusTag status={status} />
      {incidents.length === 0 ? (
        <p className="govuk-body">
          Nothing is open. <Link className="govuk-link" href="/incidents/new">Start an incident or drill</Link>.
        </p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Open incidents and drills</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Scenario</th>
              <th scope="col" className="govuk-table__header">Environment</th>
              <th scope="col" className="govuk-table__header">Opened</th>
              <th scope="col" className="govuk-table__header">Now</th>
              <th scope="col" className="govuk-table__header">Progress</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {incidents.map((i) => (
              <tr className="govuk-table__row" key={i.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" href={`/incidents/${i.id}`}>
                    {i.scenario.title}
                  </Link>
                  {i.mode === "drill" && (
                    <>
                      {" "}
                      <strong className="govuk-tag govuk-tag--purple">Drill</strong>
                    </>
                  )}
                </td>
                <td className="govuk-table__cell">
                  {capitalise(i.environment.label)}
                  {i.environment.production && (
                    <>
                      {" "}
                      <strong className="govuk-tag govuk-tag--red">Production</strong>
                    </>
                  )}
                </td>
                <td className="govuk-table__cell">
                  <TimeText time={i.createdAt} />
                </td>
                <td className="govuk-table__cell">
                  {i.current ? (
                    <>
                      {i.current.title} <StepStateTag state={i.current.state as Parameters<typeof StepStateTag>[0]["state"]} />
                    </>
                  ) : (
                    "Nothing waiting"
                  )}
                </td>
                <td className="govuk-table__cell">
                  {i.steps.succeeded + i.steps.skipped} of {i.steps.total} steps done
                  {i.steps.failed ? `, ${i.steps.failed} failed` : ""}
                  {i.steps.awaitingApproval ? `, ${i.steps.awaitingApproval} awaiting approval` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

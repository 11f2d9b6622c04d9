"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { Actor } from "@/lib/audit/actor";
import type { IncidentView } from "@/lib/incidents/incident-view";
import type { LiveEvent } from "@/lib/live/live-event";
import type { LatestAudit } from "@/lib/live/read-latest-audit";
import { mergeLiveEvents } from "@/lib/live/merge-live-events";
import { describeLiveEvent } from "@/lib/ui/describe-live-event";
import { eventChangesView } from "@/lib/ui/event-changes-view";
import { findNextStep } from "@/lib/ui/find-next-step";
import { incidentKeys } from "@/lib/ui/query-keys/incident-keys";
import { useAnnounce } from "@/app/_components/announcer";
import { fetchJson } from "@/app/_components/fetch-json";
import { useLiveFeed } from "@/app/_components/live/use-live-feed";
import { BranchChooser } from "./branch-chooser";
import { CloseIncidentForm } from "./close-incident-form";
import { IncidentHeader } from "./incident-header";
import { NoteForm } from "./note-form";
import { RunContext, stepTitleId, type RunContextValue } from "./run-context";
import { StepItem } from "./step-item";
import { Timeline } from "./timeline";

/** The timeline keeps the latest events a browser has seen, up to a bound (a page open for a day stays light). */
const TIMELINE_KEPT = 500;

function keepLatest(events: LiveEvent[], earlier: boolean): LatestAudit {
  return events.length > TIMELINE_KEPT ? { events: events.slice(-TIMELINE_KEPT), earlier: true } : { events, earlier };
}

/**
 * The run page, live. The incident comes from TanStack Query (server-rendered first); every audit event of the
 * incident, from any responder or from the engine, arrives on the live feed: it is added to the timeline (each id
 * once), the incident is refetched, and the change is announced. While a step runs, the incident is also polled,
 * for operation progress that the audit trail does not carry.
 */
export function IncidentRun(props: { initialView: IncidentView; initialTimeline: LiveEvent[]; earlierEvents: boolean; cursor: string; actor: Actor }) {
  const id = props.initialView.id;
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const { data: view } = useQuery({
    queryKey: incidentKeys.detail(id),
    queryFn: () => fetchJson<IncidentView>(`/api/ui/incidents/${id}`),
    initialData: props.initialView,
    refetchInterval: (query) => (query.state.data?.steps.some((s) => s.state === "running") ? 3000 : false),
  });
  const { data: timeline } = useQuery({
    queryKey: incidentKeys.timeline(id),
    queryFn: () => fetchJson<LatestAudit>(`/api/ui/incidents/${id}/timeline`),
    initialData: { events: props.initialTimeline, earlier: props.earlierEvents },
    staleTime: Infinity,
  });
  const stepTitles = useMemo(() => Object.fromEntries(view.steps.map((s) => [s.id, s.title])), [view.steps]);

  const onEvent = useCallback(
    (event: LiveEvent) => {
      queryClient.setQueryData<LatestAudit>(incidentKeys.timeline(id), (old) => keepLatest(mergeLiveEvents({ existing: old?.events ?? [], incoming: [event] }), old?.earlier ?? false));
      const current = queryClient.getQueryData<IncidentView>(incidentKeys.detail(id));
      if (!current || eventChangesView({ event, view: current })) void queryClient.invalidateQueries({ queryKey: incidentKeys.detail(id) });
      // This person's own actions are announced by the action itself; others' and the engine's are said here.
      if (event.actor.id !== props.actor.id) announce(describeLiveEvent({ event, stepTitles }));
    },
    [queryClient, id, announce, props.actor.id, stepTitles],
  );
  const status = useLiveFeed({ incidentId: id, since: props.cursor, onEvent });

  const afterAction = useCallback<RunContextValue["afterAction"]>(
    async ({ stepId, focusId, message }) => {
      await queryClient.invalidateQueries({ queryKey: incidentKeys.detail(id) });
      requestAnimationFrame(() => document.getElementById(focusId ?? (stepId ? stepTitleId(stepId) : "incident-status"))?.focus());
      announce(message);
    },
    [queryClient, id, announce],
  );
  const context = useMemo<RunContextValue>(() => ({ view, actor: props.actor, afterAction }), [view, props.actor, afterAction]);
  const next = findNextStep({ steps: view.steps });

  return (
    <RunContext.Provider value={context}>
      <IncidentHeader />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <BranchChooser />
          <section aria-labelledby="checklist-heading">
            <h2 className="govuk-heading-m" id="checklist-heading">
              Checklist
            </h2>
            {next ? (
              <p className="govuk-body">
                Next: <a className="govuk-link" href={`#step-${next.id}`}>{next.title}</a>
              </p>
            ) : (
              view.status === "open" && <p className="govuk-body">Every step is done or skipped: the incident can be closed.</p>
            )}
            <ol className="app-checklist" data-testid="checklist">
              {view.steps.map((step, index) => (
                <StepItem key={step.id} step={step} number={index + 1} next={next?.id === step.id} />
              ))}
            </ol>
          </section>
          <CloseIncidentForm />
        </div>
        <div className="govuk-grid-column-one-third">
          {view.status === "open" && <NoteForm />}
          <Timeline events={timeline.events} earlier={timeline.earlier} incidentId={id} stepTitles={stepTitles} status={status} />
        </div>
      </div>
    </RunContext.Provider>
  );
}

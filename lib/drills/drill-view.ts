import type { TimeView } from "../incidents/incident-view";

/** What the DR tests page and the API show of a scheduled DR test. Times are ISO UTC with a text of both clocks. */
export interface DrillView {
  id: string;
  serviceKey: string;
  scenarios: { id: string; title: string }[];
  environment: { key: string; label: string; production: boolean };
  scheduledAt: TimeView;
  /** The typed UK wall-clock time: "Wed 15 Apr 2026 09:00 BST". */
  scheduledLocalText: string;
  endsAt: TimeView;
  durationMinutes: number;
  participants: string[];
  notes: string | null;
  status: "scheduled" | "started" | "completed" | "cancelled";
  cancelReason: string | null;
  cadenceId: string | null;
  createdBy: { id: string; name: string };
  runs: { incidentId: string; scenario: string; scenarioTitle: string; startedAt: TimeView; startedBy: { id: string; name: string }; incidentStatus: string }[];
  outcomes: {
    id: string;
    incidentId: string | null;
    scenario: string;
    scenarioTitle: string;
    result: "success" | "fail";
    timeTakenMinutes: number;
    issues: string;
    hasReport: boolean;
    reportSha256: string | null;
    recordedAt: TimeView;
    recordedBy: { id: string; name: string };
  }[];
}

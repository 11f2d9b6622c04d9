import type { ActionContext } from "../audit/actor";
import type { IncidentActionBody } from "../api/action-bodies";
import { chooseBranch } from "./choose-branch";
import { closeIncident } from "./close-incident";
import { recordNote } from "./record-note";

/** Incident-level actions of the HTTP API: choose an option (with a reason), write a note, close. */
export async function performIncidentAction(options: ActionContext & { incidentId: string; body: IncidentActionBody }): Promise<unknown> {
  const { body, ...rest } = options;
  switch (body.action) {
    case "choose-branch":
      return chooseBranch({ ...rest, branch: body.branch, reason: body.reason });
    case "note":
      return recordNote({ ...rest, text: body.text, stepId: body.stepId });
    case "close":
      return closeIncident({ ...rest, status: body.status, reason: body.reason });
  }
}

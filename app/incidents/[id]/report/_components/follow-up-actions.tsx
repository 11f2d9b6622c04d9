"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useAnnounce } from "@/app/_components/announcer";
import { TextField } from "@/app/_components/form/text-field";
import { TextareaField } from "@/app/_components/form/textarea-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { ActionErrorSummary, fieldIssue } from "@/app/drills/_components/action-error-summary";
import type { ReportFollowUp } from "@/lib/reports/report-schema";
import { addFollowUpActionAction, updateFollowUpActionAction } from "../actions";

const STATUS_LABELS: Record<ReportFollowUp["status"], string> = { open: "To raise", raised: "Card raised", done: "Done", dropped: "Dropped" };
const STATUS_TAGS: Record<ReportFollowUp["status"], string> = { open: "govuk-tag--yellow", raised: "govuk-tag--blue", done: "govuk-tag--green", dropped: "govuk-tag--grey" };

interface Draft {
  title: string;
  detail: string;
  owner: string;
  cardUrl: string;
  status: ReportFollowUp["status"];
}

const empty: Draft = { title: "", detail: "", owner: "", cardUrl: "", status: "open" };

function FollowUpForm({ incidentId, initial, followUpId, onDone, idPrefix }: { incidentId: string; initial: Draft; followUpId?: string; onDone(): void; idPrefix: string }) {
  const router = useRouter();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<Draft>(initial);
  const [local, setLocal] = useState<string | null>(null);
  const done = () => {
    announce(followUpId ? "Follow-up action saved." : "Follow-up action added.");
    router.refresh();
    onDone();
  };
  const add = useActionMutation(addFollowUpActionAction, { onSuccess: () => { setDraft(empty); done(); } });
  const update = useActionMutation(updateFollowUpActionAction, { onSuccess: done });
  const mutation = followUpId ? update : add;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.title.trim().length < 3) {
      setLocal("Say what the action is (at least 3 characters).");
      return;
    }
    setLocal(null);
    const followUp = { title: draft.title, detail: draft.detail, owner: draft.owner, cardUrl: draft.cardUrl, status: draft.status };
    if (followUpId) update.run({ incidentId, followUpId, followUp });
    else add.run({ incidentId, followUp });
  };
  const ids = { title: `${idPrefix}-title`, detail: `${idPrefix}-detail`, owner: `${idPrefix}-owner`, cardUrl: `${idPrefix}-card`, status: `${idPrefix}-status` };
  return (
    <form onSubmit={submit} noValidate className="app-follow-up-form" data-testid={`${idPrefix}-form`}>
      <ActionErrorSummary error={mutation.error} fieldIds={ids} local={local ? [{ href: ids.title, message: local }] : []} />
      <TextField id={ids.title} name="title" label="Action" hint="The card to raise, in a sentence." error={local ?? fieldIssue(mutation.error, "title")} value={draft.title} onChange={(title) => setDraft({ ...draft, title })} />
      <TextareaField id={ids.detail} name="detail" label="Detail (optional)" value={draft.detail} onChange={(detail) => setDraft({ ...draft, detail })} rows={2} />
      <TextField id={ids.owner} name="owner" label="Owner (optional)" value={draft.owner} onChange={(owner) => setDraft({ ...draft, owner })} widthClass="govuk-input--width-20" />
      <TextField id={ids.cardUrl} name="cardUrl" label="Card link (optional)" hint="The Trello card, once raised: https://..." error={fieldIssue(mutation.error, "cardUrl")} value={draft.cardUrl} onChange={(cardUrl) => setDraft({ ...draft, cardUrl })} />
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor={ids.status}>
          Status
        </label>
        <select className="govuk-select" id={ids.status} name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as Draft["status"] })}>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" disabled={mutation.pending} aria-disabled={mutation.pending}>
          {followUpId ? "Save action" : "Add action"}
        </button>
        {followUpId && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** The follow-up actions (the cards to raise): a list anyone acting on incidents can add to and edit. */
export function FollowUpActions({ incidentId, followUps, canEdit }: { incidentId: string; followUps: ReportFollowUp[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      {followUps.length === 0 ? (
        <p className="govuk-body">No follow-up actions yet.</p>
      ) : (
        <ul className="govuk-list app-follow-ups" data-testid="follow-ups">
          {followUps.map((f) => (
            <li key={f.id} className="app-follow-up">
              {editing === f.id ? (
                <FollowUpForm
                  incidentId={incidentId}
                  followUpId={f.id}
                  idPrefix={`follow-up-${f.id.slice(0, 8)}`}
                  initial={{ title: f.title, detail: f.detail ?? "", owner: f.owner ?? "", cardUrl: f.cardUrl ?? "", status: f.status }}
                  onDone={() => setEditing(null)}
                />
              ) : (
                <>
                  <p className="govuk-body govuk-!-margin-bottom-1">
                    <strong className={`govuk-tag ${STATUS_TAGS[f.status]}`}>{STATUS_LABELS[f.status]}</strong> <strong>{f.title}</strong>
                    {f.owner ? ` (owner: ${f.owner})` : ""}
                  </p>
                  {f.detail && <p className="govuk-body-s govuk-!-margin-bottom-1">{f.detail}</p>}
                  {f.cardUrl && (
                    <p className="govuk-body-s govuk-!-margin-bottom-1">
                      <a className="govuk-link" href={f.cardUrl} rel="noreferrer noopener" target="_blank">
                        The card (opens in a new tab)
                      </a>
                    </p>
                  )}
                  {canEdit && (
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2 app-no-print" onClick={() => setEditing(f.id)}>
                      Edit<span className="govuk-visually-hidden"> “{f.title}”</span>
                    </button>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <details className="govuk-details app-no-print">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Add a follow-up action</span>
          </summary>
          <div className="govuk-details__text">
            <FollowUpForm incidentId={incidentId} idPrefix="new-follow-up" initial={empty} onDone={() => undefined} />
          </div>
        </details>
      )}
    </>
  );
}

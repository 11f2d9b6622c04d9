"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { createApiTokenAction } from "../actions";

interface RoleChoice {
  value: string;
  label: string;
}

/** Makes an API token and shows it once: it is stored only as a hash, so it cannot be shown again. */
export function CreateTokenForm({ roles, maxDays }: { roles: RoleChoice[]; maxDays: number }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ token: string; name: string; expiresAt: string } | null>(null);
  const mutation = useActionMutation(createApiTokenAction, {
    onSuccess: (data) => {
      setCreated(data);
      router.refresh();
    },
  });
  const issue = (field: string) => mutation.error?.issues.find((i) => i.path === field)?.message;
  const items = mutation.error ? (mutation.error.issues.length ? mutation.error.issues.map((i) => ({ href: `token-${i.path}`, message: i.message })) : [{ message: mutation.error.message }]) : [];
  return (
    <>
      {created && (
        <div className="govuk-panel govuk-panel--confirmation app-token-panel" data-testid="new-token">
          <h3 className="govuk-panel__title">Token “{created.name}” made</h3>
          <div className="govuk-panel__body">
            Copy it now: it will not be shown again.
            <br />
            <code className="app-code-inline" data-testid="new-token-value">
              {created.token}
            </code>
          </div>
        </div>
      )}
      <ErrorSummary items={items} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setCreated(null);
          mutation.run({ name: String(form.get("name") ?? ""), role: String(form.get("role") ?? ""), expiresInDays: String(form.get("expiresInDays") ?? "") });
        }}
      >
        <div className={`govuk-form-group${issue("name") ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="token-name">
            Name
          </label>
          <div className="govuk-hint" id="token-name-hint">
            What will use it, e.g. “DR test script”.
          </div>
          {issue("name") && (
            <p className="govuk-error-message" id="token-name-error">
              <span className="govuk-visually-hidden">Error:</span> {issue("name")}
            </p>
          )}
          <input className="govuk-input govuk-!-width-two-thirds" id="token-name" name="name" type="text" aria-describedby={`token-name-hint${issue("name") ? " token-name-error" : ""}`} />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="token-role">
            Role
          </label>
          <div className="govuk-hint" id="token-role-hint">
            What it may do: your role or less. If your role is lowered, the token is lowered with it.
          </div>
          <select className="govuk-select" id="token-role" name="role" aria-describedby="token-role-hint" defaultValue={roles.at(-1)?.value}>
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div className={`govuk-form-group${issue("expiresInDays") ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="token-expiresInDays">
            Expires after (days)
          </label>
          <div className="govuk-hint" id="token-expiresInDays-hint">
            At most {maxDays} days.
          </div>
          {issue("expiresInDays") && (
            <p className="govuk-error-message" id="token-expiresInDays-error">
              <span className="govuk-visually-hidden">Error:</span> {issue("expiresInDays")}
            </p>
          )}
          <input
            className="govuk-input govuk-input--width-3"
            id="token-expiresInDays"
            name="expiresInDays"
            type="text"
            inputMode="numeric"
            defaultValue="30"
            aria-describedby={`token-expiresInDays-hint${issue("expiresInDays") ? " token-expiresInDays-error" : ""}`}
          />
        </div>
        <button type="submit" className="govuk-button" disabled={mutation.pending} aria-disabled={mutation.pending}>
          Make a token
        </button>
      </form>
    </>
  );
}

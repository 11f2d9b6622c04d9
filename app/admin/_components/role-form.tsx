"use client";

import { useRouter } from "next/navigation";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { changeUserRoleAction } from "../actions";

/** One person's role: a select and a save button; the change is audited and applies to their next request. */
export function RoleForm({ userId, name, role, roles }: { userId: string; name: string; role: string; roles: { value: string; label: string }[] }) {
  const router = useRouter();
  const mutation = useActionMutation(changeUserRoleAction, { onSuccess: () => router.refresh() });
  const id = `role-${userId}`;
  return (
    <form
      className="app-role-form"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.run({ userId, role: String(new FormData(event.currentTarget).get("role") ?? "") });
      }}
    >
      {mutation.error && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {mutation.error.message}
        </p>
      )}
      <label className="govuk-label govuk-visually-hidden" htmlFor={id}>
        Role of {name}
      </label>
      <select className="govuk-select" id={id} name="role" defaultValue={role}>
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>{" "}
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={mutation.pending} aria-disabled={mutation.pending}>
        Save<span className="govuk-visually-hidden"> role of {name}</span>
      </button>
      {mutation.succeeded && <span className="govuk-body-s" role="status"> Saved.</span>}
    </form>
  );
}

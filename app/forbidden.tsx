import Link from "next/link";

/** Shown (with status 403) when a signed-in person's role does not allow a page (lib/auth/require-page-actor.ts). */
export default function Forbidden() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You cannot use this page</h1>
        <p className="govuk-body">Your role in the console does not allow it. If you need it, ask an admin to change your role.</p>
        <p className="govuk-body">
          <Link className="govuk-link" href="/account">
            See your account and role
          </Link>
        </p>
      </div>
    </div>
  );
}
